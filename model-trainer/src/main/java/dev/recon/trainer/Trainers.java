package dev.recon.trainer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/** DJL trainer chores the training objectives share. */
final class Trainers {

    private Trainers() {}

    /** A trainer with its own Adam at {@code learningRate} over every parameter of {@code model}'s block. */
    static Trainer adam(Model model, double learningRate, Loss loss) {
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed((float) learningRate))
                        .build())
                .optDevices(new Device[] {model.getNDManager().getDevice()});
        return model.newTrainer(config);
    }

    /** One optimiser step; DJL's PyTorch Adam zeroes the gradients of what it updates. */
    static void step(Trainer trainer) {
        try {
            trainer.step();
        } catch (IllegalStateException e) {
            // DJL refuses a first step whose gradients are all exactly zero. That happens when the
            // training signal is constant: the model already reconstructs it perfectly, so there is
            // nothing to update. DJL checks again at the next step; anything else is rethrown.
            if (e.getMessage() == null || !e.getMessage().startsWith("Gradient values are all zeros")) {
                throw e;
            }
        }
    }

    /**
     * Zeroes the gradients of {@code block}'s parameters. Backward passes add to gradients, and only
     * the optimiser step of the parameters' own trainer clears them, so parameters that a backward
     * pass reached but another trainer steps must be cleared before their own backward pass.
     */
    static void zeroGradients(Block block) {
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.isInitialized() && parameter.getArray().hasGradient()) {
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    gradient.subi(gradient);
                }
            }
        }
    }
}
