package dev.recon.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.recon.model.arch.ConditionalVariationalAutoencoder;
import dev.recon.model.arch.KlDivergence;
import dev.recon.model.arch.VariationalAutoencoder;

/**
 * A variational autoencoder: one Adam on {@code reconstruction loss + beta_epoch * KL / width}, the
 * negative evidence lower bound per value (in the units of the reconstruction loss), with the KL
 * weight of the epoch from the {@link KlAnnealing} schedule. The model samples its code with the
 * reparameterisation trick in a training forward pass. A conditional VAE ({@code cvae}) trains the
 * same way, each example with its condition.
 */
final class VariationalObjective implements TrainingObjective {

    private final Model model;
    private final ReconstructionLoss loss;
    private final KlAnnealing annealing;
    private final double learningRate;
    private Trainer trainer;
    private double beta;
    private long width;

    VariationalObjective(Model model, ReconstructionLoss loss, KlAnnealing annealing, double learningRate) {
        this.model = model;
        this.loss = loss;
        this.annealing = annealing;
        this.learningRate = learningRate;
        this.beta = annealing.betaAt(1);
    }

    @Override
    public void initialize(Shape batchShape) {
        width = batchShape.get(1);
        trainer = Trainers.adam(model, learningRate, loss);
        if (model.getBlock() instanceof ConditionalVariationalAutoencoder) {
            trainer.initialize(batchShape, new Shape(batchShape.get(0)));
        } else {
            trainer.initialize(batchShape);
        }
    }

    @Override
    public void beginEpoch(int epoch) {
        beta = annealing.betaAt(epoch);
    }

    @Override
    public boolean settled(int epoch) {
        return annealing.settled(epoch);
    }

    @Override
    public double step(NDArray input, NDArray target) {
        return step(new NDList(input), target);
    }

    @Override
    public double step(NDArray input, NDArray conditions, NDArray target) {
        if (!(model.getBlock() instanceof ConditionalVariationalAutoencoder)) {
            throw new IllegalStateException("conditions were given, but model '" + model.getName()
                    + "' is not a conditional VAE");
        }
        return step(new NDList(input, conditions), target);
    }

    private double step(NDList inputs, NDArray target) {
        double value;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList output = trainer.forward(inputs);
            NDArray kl = KlDivergence.perExample(
                    output.get(VariationalAutoencoder.MEAN), output.get(VariationalAutoencoder.LOG_VARIANCE));
            NDArray total = loss.evaluate(new NDList(target), output).add(kl.mean().mul((float) (beta / width)));
            collector.backward(total);
            value = total.getFloat();
        }
        Trainers.step(trainer);
        return value;
    }

    @Override
    public String describe() {
        return loss.getName() + " + " + annealing.beta() + " x KL"
                + (annealing.epochs() > 0 ? " (annealed over " + annealing.epochs() + " epochs)" : "");
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.close();
        }
    }
}
