package dev.recon.trainer;

/**
 * The KL weight of each epoch of variational training: linear annealing from 0 to {@code beta}
 * over the first {@code epochs} epochs, then {@code beta}.
 *
 * <p>Epoch {@code e} (1-based) gets {@code beta * min(1, (e - 1) / epochs)}: the first epoch trains
 * the pure autoencoder, so the decoder learns to use the code before the prior pulls the code
 * towards noise (the "KL vanishing" remedy of Bowman et al. 2016). With {@code epochs = 0} every
 * epoch gets {@code beta}.
 *
 * @param beta the final weight
 * @param epochs length of the ramp; 0 for none
 */
public record KlAnnealing(double beta, int epochs) {

    /** Validates the weight and the ramp length. */
    public KlAnnealing {
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("invalid beta: " + beta + " (expected >= 0)");
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("invalid kl-anneal-epochs: " + epochs + " (expected >= 0)");
        }
    }

    /** The KL weight of 1-based {@code epoch}. */
    public double betaAt(int epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs count from 1, got " + epoch);
        }
        return epochs == 0 ? beta : beta * Math.min(1.0, (epoch - 1) / (double) epochs);
    }

    /**
     * Whether {@code epoch} trains with the final weight: only from then on are validation losses
     * comparable, so only those epochs can be the best one or count towards patience.
     */
    public boolean settled(int epoch) {
        return epoch > epochs;
    }
}
