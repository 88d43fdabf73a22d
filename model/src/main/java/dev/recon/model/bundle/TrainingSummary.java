package dev.recon.model.bundle;

import dev.recon.model.threshold.DetectionMetrics;
import java.util.List;

/**
 * How training went: settings, the loss curve and where it stopped.
 *
 * @param optimizer optimiser name
 * @param learningRate optimiser learning rate
 * @param batchSize examples per step
 * @param maxEpochs epoch limit
 * @param epochs epochs actually run
 * @param bestEpoch epoch whose parameters were kept (lowest validation loss), 1-based
 * @param earlyStopped whether training stopped before {@code maxEpochs}
 * @param trainLoss training loss at the best epoch
 * @param validationLoss validation loss at the best epoch
 * @param seconds wall-clock training time
 * @param history per-epoch losses
 * @param detection precision, recall, F1 and AUROC of the threshold on labelled validation data;
 *     {@code null} when there were no labels (and in bundles written before it existed)
 * @param loss the reconstruction loss trained on: {@code mse} or {@code bce} (binary cross-entropy);
 *     bundles written before it existed were all trained on {@code mse} and read as such. The
 *     training losses of {@code history} are in its units (plus a VAE's weighted KL term); the
 *     validation losses are always the score function's.
 */
public record TrainingSummary(
        String optimizer,
        double learningRate,
        int batchSize,
        int maxEpochs,
        int epochs,
        int bestEpoch,
        boolean earlyStopped,
        double trainLoss,
        double validationLoss,
        double seconds,
        List<EpochMetrics> history,
        DetectionMetrics detection,
        String loss) {

    /** Mean squared error, the loss of bundles written before the loss was recorded. */
    public static final String MSE_LOSS = "mse";

    /** Reads a missing loss as {@code mse}. */
    public TrainingSummary {
        loss = loss == null ? MSE_LOSS : loss;
    }

    /** A summary without detection metrics (unlabelled validation data). */
    public TrainingSummary(String optimizer, double learningRate, int batchSize, int maxEpochs, int epochs,
            int bestEpoch, boolean earlyStopped, double trainLoss, double validationLoss, double seconds,
            List<EpochMetrics> history) {
        this(optimizer, learningRate, batchSize, maxEpochs, epochs, bestEpoch, earlyStopped, trainLoss,
                validationLoss, seconds, history, null, MSE_LOSS);
    }

    /** A summary of training on the {@code mse} loss. */
    public TrainingSummary(String optimizer, double learningRate, int batchSize, int maxEpochs, int epochs,
            int bestEpoch, boolean earlyStopped, double trainLoss, double validationLoss, double seconds,
            List<EpochMetrics> history, DetectionMetrics detection) {
        this(optimizer, learningRate, batchSize, maxEpochs, epochs, bestEpoch, earlyStopped, trainLoss,
                validationLoss, seconds, history, detection, MSE_LOSS);
    }

    /** This summary with detection metrics. */
    public TrainingSummary withDetection(DetectionMetrics metrics) {
        return new TrainingSummary(optimizer, learningRate, batchSize, maxEpochs, epochs, bestEpoch, earlyStopped,
                trainLoss, validationLoss, seconds, history, metrics, loss);
    }

    /** This summary with another loss. */
    public TrainingSummary withLoss(String newLoss) {
        return new TrainingSummary(optimizer, learningRate, batchSize, maxEpochs, epochs, bestEpoch, earlyStopped,
                trainLoss, validationLoss, seconds, history, detection, newLoss);
    }

    /**
     * Losses of one epoch.
     *
     * @param epoch 1-based epoch number
     * @param trainLoss mean training loss over the epoch
     * @param validationLoss mean validation loss after the epoch
     * @param seconds time the epoch took
     */
    public record EpochMetrics(int epoch, double trainLoss, double validationLoss, double seconds) {}
}
