package dev.recon.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.recon.model.arch.AdversarialAutoencoder;
import dev.recon.model.arch.ConditionalVariationalAutoencoder;
import dev.recon.model.arch.VariationalAutoencoder;

/**
 * What a training step optimises and with which optimisers: the part of training that differs
 * between a plain (or denoising) autoencoder, a variational one and an adversarial one.
 * {@link FitLoop} owns everything they share: shuffled mini-batches, input corruption, validation
 * on the score function, early stopping and restoring the best epoch.
 *
 * <p>Lifecycle: {@link #initialize} once, then per epoch {@link #beginEpoch} and one {@link #step}
 * per mini-batch, then {@link #close}, which releases the optimisers (never the model).
 */
interface TrainingObjective extends AutoCloseable {

    /** The objective for {@code model}'s block: variational, adversarial or plain reconstruction. */
    static TrainingObjective of(Model model, ObjectiveSettings settings, double learningRate) {
        Block block = model.getBlock();
        ReconstructionLoss loss = ReconstructionLoss.of(settings.loss());
        if (block instanceof VariationalAutoencoder || block instanceof ConditionalVariationalAutoencoder) {
            return new VariationalObjective(model, loss, settings.annealing(), learningRate);
        }
        if (block instanceof AdversarialAutoencoder aae) {
            return new AdversarialObjective(model, aae, loss, settings.discriminatorHidden(), learningRate);
        }
        return new ReconstructionObjective(model, loss, learningRate);
    }

    /** Creates the optimisers and initialises the parameters for batches of {@code batchShape}. */
    void initialize(Shape batchShape);

    /** Called before the first step of 1-based {@code epoch}. */
    default void beginEpoch(int epoch) {}

    /**
     * Whether {@code epoch} optimises the final objective. Epochs before that (a KL weight still
     * annealing) cannot be the best epoch, and patience only counts from the first settled one.
     */
    default boolean settled(int epoch) {
        return true;
    }

    /**
     * One optimisation step on a mini-batch.
     *
     * @param input the model's input {@code (n, width)} (corrupted, when denoising)
     * @param target what it should reconstruct {@code (n, width)}
     * @return the batch's training loss, mean per example
     */
    double step(NDArray input, NDArray target);

    /**
     * One optimisation step on a mini-batch of a conditional model, whose block reads the input
     * and each example's condition.
     *
     * @param conditions the condition index of each example {@code (n)}
     * @return the batch's training loss, mean per example
     */
    default double step(NDArray input, NDArray conditions, NDArray target) {
        throw new IllegalStateException("the objective '" + describe() + "' trains no conditional model");
    }

    /** A short description of what is optimised, for the progress line. */
    String describe();

    @Override
    void close();
}
