package dev.recon.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import dev.recon.model.arch.Logits;

/**
 * How far a reconstruction is from its target, averaged over the batch and every value.
 *
 * <p>Labels: {@code (target)}, shape {@code (N, width)}. Predictions: the model's training-mode
 * output list, whose first array is the reconstruction (variational and adversarial models add
 * their codes; models with a sigmoid output add their {@link Logits}).
 */
abstract sealed class ReconstructionLoss extends Loss {

    private ReconstructionLoss(String name) {
        super(name);
    }

    /** The loss called {@code name}: {@code mse} or {@code bce}. */
    static ReconstructionLoss of(String name) {
        return switch (name) {
            case ObjectiveSettings.MSE -> new MeanSquaredError();
            case ObjectiveSettings.BCE -> new BinaryCrossEntropy();
            default -> throw new IllegalArgumentException("invalid loss: " + name + " (expected mse or bce)");
        };
    }

    /** {@code mean((reconstruction - target)^2)}: the units of the {@code mse} score. */
    static final class MeanSquaredError extends ReconstructionLoss {

        MeanSquaredError() {
            super(ObjectiveSettings.MSE);
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray target = labels.head();
            return predictions.head().sub(target).square().mean();
        }
    }

    /**
     * Binary cross-entropy of targets {@code x} in [0, 1] against {@code p = sigmoid(l)}, computed
     * from the logits {@code l} in the numerically stable form
     * {@code max(l, 0) - l * x + log(1 + exp(-|l|))} ({@code = -x log p - (1 - x) log(1 - p)}, but
     * finite and exact for any {@code l}, where {@code log p} would underflow once {@code p}
     * rounds to 0 or 1).
     */
    static final class BinaryCrossEntropy extends ReconstructionLoss {

        private final SigmoidBinaryCrossEntropyLoss fromLogits = new SigmoidBinaryCrossEntropyLoss(ObjectiveSettings.BCE);

        BinaryCrossEntropy() {
            super(ObjectiveSettings.BCE);
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray logits = Logits.of(predictions);
            if (logits == null) {
                throw new IllegalArgumentException("invalid loss: bce needs a model whose output ends in a sigmoid"
                        + " (it trains on the logits); this model's output is linear: use --loss mse");
            }
            return fromLogits.evaluate(new NDList(labels.head()), new NDList(logits));
        }
    }
}
