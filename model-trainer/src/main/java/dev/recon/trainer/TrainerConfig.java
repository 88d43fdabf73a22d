package dev.recon.trainer;

import java.util.List;
import java.util.Objects;

/**
 * Settings of one training run, validated when built; every field is recorded in the bundle.
 *
 * @param name model name carried by every event the model scores
 * @param version model version carried by every event the model scores
 * @param window steps per window
 * @param stride readings between windows when streaming (training always uses every window)
 * @param trainFraction leading fraction of the series used to fit (training plus validation)
 * @param validationFraction trailing fraction of the fitted part held out for early stopping and
 *     threshold calibration
 * @param hiddenSizes encoder hidden layer sizes (decoder mirrors them)
 * @param latentSize bottleneck size
 * @param activation {@code relu} or {@code tanh}
 * @param learningRate Adam learning rate
 * @param batchSize windows per gradient step
 * @param maxEpochs epoch limit
 * @param patience epochs without validation improvement before stopping
 * @param seed seed for initialisation and shuffling
 * @param threshold threshold calibration on the validation errors (method and parameters)
 * @param denoising input corruption during training ({@link Denoising#NONE} for a plain autoencoder)
 */
public record TrainerConfig(
        String name,
        String version,
        int window,
        int stride,
        double trainFraction,
        double validationFraction,
        List<Integer> hiddenSizes,
        int latentSize,
        String activation,
        double learningRate,
        int batchSize,
        int maxEpochs,
        int patience,
        long seed,
        ThresholdSettings threshold,
        Denoising denoising) {

    /** Default window length. */
    public static final int DEFAULT_WINDOW = 64;
    /** Default fitted fraction: NAB's probationary period. */
    public static final double DEFAULT_TRAIN_FRACTION = 0.15;
    /** Default held-out share of the fitted part. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;
    /** Default encoder hidden layers. */
    public static final List<Integer> DEFAULT_HIDDEN = List.of(32);
    /** Default bottleneck size. */
    public static final int DEFAULT_LATENT = 8;
    /** Default Adam learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** Default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Default epoch limit. */
    public static final int DEFAULT_MAX_EPOCHS = 100;
    /** Default early-stopping patience. */
    public static final int DEFAULT_PATIENCE = 10;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42;
    /** Default threshold quantile. */
    public static final double DEFAULT_THRESHOLD_QUANTILE = 1.0;
    /** Default threshold scale. */
    public static final double DEFAULT_THRESHOLD_SCALE = 2.0;

    /** Validates every field, naming the setting and its value. */
    public TrainerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(denoising, "denoising");
        hiddenSizes = List.copyOf(hiddenSizes);
        check(!name.isBlank(), "name", name, "a non-empty name");
        check(!version.isBlank(), "version", version, "a non-empty version");
        check(window >= 2, "window", window, ">= 2");
        check(stride >= 1, "stride", stride, ">= 1");
        check(trainFraction > 0 && trainFraction <= 1, "train-fraction", trainFraction, "in (0, 1]");
        check(validationFraction > 0 && validationFraction < 1, "validation-fraction", validationFraction, "in (0, 1)");
        check(latentSize >= 1, "latent", latentSize, ">= 1");
        check(hiddenSizes.stream().allMatch(h -> h >= 1), "hidden", hiddenSizes, "sizes >= 1");
        check(activation.equals("relu") || activation.equals("tanh"), "activation", activation, "relu or tanh");
        check(learningRate > 0 && Double.isFinite(learningRate), "learning-rate", learningRate, "> 0");
        check(batchSize >= 1, "batch-size", batchSize, ">= 1");
        check(maxEpochs >= 1, "epochs", maxEpochs, ">= 1");
        check(patience >= 1, "patience", patience, ">= 1");
    }

    /** Settings with quantile calibration and no denoising, as before those were configurable. */
    public TrainerConfig(String name, String version, int window, int stride, double trainFraction,
            double validationFraction, List<Integer> hiddenSizes, int latentSize, String activation,
            double learningRate, int batchSize, int maxEpochs, int patience, long seed, double thresholdQuantile,
            double thresholdScale) {
        this(name, version, window, stride, trainFraction, validationFraction, hiddenSizes, latentSize, activation,
                learningRate, batchSize, maxEpochs, patience, seed, quantileThreshold(thresholdQuantile, thresholdScale),
                Denoising.NONE);
    }

    private static ThresholdSettings quantileThreshold(double quantile, double scale) {
        check(quantile > 0 && quantile <= 1, "threshold-quantile", quantile, "in (0, 1]");
        check(scale > 0 && Double.isFinite(scale), "threshold-scale", scale, "> 0");
        return ThresholdSettings.quantile(quantile, scale);
    }

    /** Quantile of the validation errors used by the {@code quantile} method. */
    public double thresholdQuantile() {
        return threshold.quantile();
    }

    /** Multiplier of that quantile. */
    public double thresholdScale() {
        return threshold.scale();
    }

    private static void check(boolean ok, String key, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("invalid " + key + ": " + value + " (expected " + expected + ")");
        }
    }

    /** Defaults for a model called {@code name}. */
    public static TrainerConfig defaults(String name) {
        return new TrainerConfig(name, "1", DEFAULT_WINDOW, 1, DEFAULT_TRAIN_FRACTION, DEFAULT_VALIDATION_FRACTION,
                DEFAULT_HIDDEN, DEFAULT_LATENT, "relu", DEFAULT_LEARNING_RATE, DEFAULT_BATCH_SIZE,
                DEFAULT_MAX_EPOCHS, DEFAULT_PATIENCE, DEFAULT_SEED,
                ThresholdSettings.quantile(DEFAULT_THRESHOLD_QUANTILE, DEFAULT_THRESHOLD_SCALE), Denoising.NONE);
    }

    /** A copy with another window length and stride. */
    public TrainerConfig withWindow(int newWindow, int newStride) {
        return new TrainerConfig(name, version, newWindow, newStride, trainFraction, validationFraction,
                hiddenSizes, latentSize, activation, learningRate, batchSize, maxEpochs, patience, seed,
                threshold, denoising);
    }

    /** A copy with another architecture. */
    public TrainerConfig withArchitecture(List<Integer> newHidden, int newLatent) {
        return new TrainerConfig(name, version, window, stride, trainFraction, validationFraction,
                newHidden, newLatent, activation, learningRate, batchSize, maxEpochs, patience, seed,
                threshold, denoising);
    }

    /** A copy with other split fractions. */
    public TrainerConfig withSplit(double newTrainFraction, double newValidationFraction) {
        return new TrainerConfig(name, version, window, stride, newTrainFraction, newValidationFraction,
                hiddenSizes, latentSize, activation, learningRate, batchSize, maxEpochs, patience, seed,
                threshold, denoising);
    }

    /** A copy with other optimisation settings. */
    public TrainerConfig withOptimisation(double newLearningRate, int newBatchSize, int newMaxEpochs, int newPatience) {
        return new TrainerConfig(name, version, window, stride, trainFraction, validationFraction,
                hiddenSizes, latentSize, activation, newLearningRate, newBatchSize, newMaxEpochs, newPatience,
                seed, threshold, denoising);
    }

    /** A copy with another seed. */
    public TrainerConfig withSeed(long newSeed) {
        return new TrainerConfig(name, version, window, stride, trainFraction, validationFraction,
                hiddenSizes, latentSize, activation, learningRate, batchSize, maxEpochs, patience, newSeed,
                threshold, denoising);
    }

    /** A copy with another threshold calibration. */
    public TrainerConfig withThreshold(double newQuantile, double newScale) {
        return new TrainerConfig(name, version, window, stride, trainFraction, validationFraction,
                hiddenSizes, latentSize, activation, learningRate, batchSize, maxEpochs, patience, seed,
                quantileThreshold(newQuantile, newScale), denoising);
    }

    /** A copy with another threshold calibration (any method). */
    public TrainerConfig withThreshold(ThresholdSettings newThreshold) {
        return new TrainerConfig(name, version, window, stride, trainFraction, validationFraction,
                hiddenSizes, latentSize, activation, learningRate, batchSize, maxEpochs, patience, seed,
                newThreshold, denoising);
    }

    /** A copy with another input corruption (denoising training). */
    public TrainerConfig withDenoising(Denoising newDenoising) {
        return new TrainerConfig(name, version, window, stride, trainFraction, validationFraction,
                hiddenSizes, latentSize, activation, learningRate, batchSize, maxEpochs, patience, seed,
                threshold, newDenoising);
    }
}
