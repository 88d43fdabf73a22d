package dev.recon.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

/** A plain (or denoising) autoencoder: one Adam on the reconstruction loss. */
final class ReconstructionObjective implements TrainingObjective {

    private final Model model;
    private final ReconstructionLoss loss;
    private final double learningRate;
    private Trainer trainer;

    ReconstructionObjective(Model model, ReconstructionLoss loss, double learningRate) {
        this.model = model;
        this.loss = loss;
        this.learningRate = learningRate;
    }

    @Override
    public void initialize(Shape batchShape) {
        trainer = Trainers.adam(model, learningRate, loss);
        trainer.initialize(batchShape);
    }

    @Override
    public double step(NDArray input, NDArray target) {
        double value;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList output = trainer.forward(new NDList(input));
            NDArray l = loss.evaluate(new NDList(target), output);
            collector.backward(l);
            value = l.getFloat();
        }
        Trainers.step(trainer);
        return value;
    }

    @Override
    public String describe() {
        return loss.getName() + " loss";
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.close();
        }
    }
}
