package dev.recon.trainer;

import dev.recon.model.arch.AdversarialAutoencoderSpec;
import dev.recon.model.arch.ArchitectureSpec;
import dev.recon.model.arch.Conv1dAutoencoderSpec;
import dev.recon.model.arch.DenseAutoencoderSpec;
import dev.recon.model.arch.DenseNetworkSpec;
import dev.recon.model.arch.LstmAutoencoderSpec;
import dev.recon.model.arch.NetworkSpec;
import dev.recon.model.arch.VariationalAutoencoderSpec;
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
 * @param hiddenSizes dense: encoder hidden layer sizes (decoder mirrors them); lstm: one size, the units
 *     of every LSTM layer
 * @param latentSize dense: bottleneck size; lstm: size the encoder's last hidden state is projected to
 *     (0: no projection)
 * @param activation {@code relu} or {@code tanh}
 * @param learningRate Adam learning rate
 * @param batchSize windows per gradient step
 * @param maxEpochs epoch limit
 * @param patience epochs without validation improvement before stopping
 * @param seed seed for initialisation and shuffling
 * @param threshold threshold calibration on the validation errors (method and parameters)
 * @param denoising input corruption during training ({@link Denoising#NONE} for a plain autoencoder)
 * @param model the autoencoder kind and the hyper-parameters only that kind uses
 * @param objective reconstruction loss, the VAE's KL weight, annealing and score function, the AAE's
 *     discriminator (see {@link ObjectiveSettings})
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
        Denoising denoising,
        SeriesModel model,
        ObjectiveSettings objective) {

    /** Default window length, chosen on the 18 NAB files of data/nab (docs/BENCHMARKS.md); shortened to fit short series. */
    public static final int DEFAULT_WINDOW = 128;
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
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(objective, "objective");
        hiddenSizes = List.copyOf(hiddenSizes);
        check(!name.isBlank(), "name", name, "a non-empty name");
        check(!version.isBlank(), "version", version, "a non-empty version");
        check(window >= 2, "window", window, ">= 2");
        check(stride >= 1, "stride", stride, ">= 1");
        check(trainFraction > 0 && trainFraction <= 1, "train-fraction", trainFraction, "in (0, 1]");
        check(validationFraction > 0 && validationFraction < 1, "validation-fraction", validationFraction, "in (0, 1)");
        check(hiddenSizes.stream().allMatch(h -> h >= 1), "hidden", hiddenSizes, "sizes >= 1");
        check(activation.equals("relu") || activation.equals("tanh"), "activation", activation, "relu or tanh");
        check(learningRate > 0 && Double.isFinite(learningRate), "learning-rate", learningRate, "> 0");
        check(batchSize >= 1, "batch-size", batchSize, ">= 1");
        check(maxEpochs >= 1, "epochs", maxEpochs, ">= 1");
        check(patience >= 1, "patience", patience, ">= 1");
        checkModel(model, window, hiddenSizes, latentSize);
        check(objective.klAnnealEpochs() < maxEpochs, "kl-anneal-epochs", objective.klAnnealEpochs(),
                "fewer than epochs (" + maxEpochs + "): the best epoch is one trained with the final beta");
    }

    /** Settings of a dense autoencoder. */
    public TrainerConfig(String name, String version, int window, int stride, double trainFraction,
            double validationFraction, List<Integer> hiddenSizes, int latentSize, String activation,
            double learningRate, int batchSize, int maxEpochs, int patience, long seed, ThresholdSettings threshold,
            Denoising denoising) {
        this(name, version, window, stride, trainFraction, validationFraction, hiddenSizes, latentSize, activation,
                learningRate, batchSize, maxEpochs, patience, seed, threshold, denoising, SeriesModel.dense(),
                ObjectiveSettings.DEFAULT);
    }

    /** Settings with quantile calibration and no denoising, as before those were configurable. */
    public TrainerConfig(String name, String version, int window, int stride, double trainFraction,
            double validationFraction, List<Integer> hiddenSizes, int latentSize, String activation,
            double learningRate, int batchSize, int maxEpochs, int patience, long seed, double thresholdQuantile,
            double thresholdScale) {
        this(name, version, window, stride, trainFraction, validationFraction, hiddenSizes, latentSize, activation,
                learningRate, batchSize, maxEpochs, patience, seed, quantileThreshold(thresholdQuantile, thresholdScale),
                Denoising.NONE, SeriesModel.dense(), ObjectiveSettings.DEFAULT);
    }

    /** Checks the settings whose valid range depends on the model kind. */
    private static void checkModel(SeriesModel model, int window, List<Integer> hiddenSizes, int latentSize) {
        switch (model.kind()) {
            case SeriesModel.DENSE, SeriesModel.VAE, SeriesModel.AAE -> check(latentSize >= 1, "latent", latentSize, ">= 1");
            case SeriesModel.CONV1D -> {
                int factor = 1 << model.filters().size();
                check(window % factor == 0, "window", window, "a multiple of 2^" + model.filters().size() + " = "
                        + factor + " for conv1d: one downsampling by 2 per encoder stage, filters "
                        + model.filters() + "; change the window or use fewer stages");
            }
            case SeriesModel.LSTM -> {
                check(hiddenSizes.size() == 1, "hidden", hiddenSizes,
                        "one size for lstm, the units of every LSTM layer; stack layers with layers");
                check(latentSize >= 0, "latent", latentSize, ">= 0 for lstm, 0 for no projection");
            }
            default -> throw new IllegalArgumentException("invalid model: " + model.kind());
        }
    }

    /**
     * The architecture this configuration trains for windows of {@code channels} channels: the one
     * place where a model kind becomes a block specification.
     */
    public ArchitectureSpec architecture(int channels) {
        check(channels >= 1, "channels", channels, ">= 1");
        int width = window * channels;
        return switch (model.kind()) {
            case SeriesModel.DENSE -> new DenseAutoencoderSpec(width, hiddenSizes, latentSize, activation);
            case SeriesModel.CONV1D -> new Conv1dAutoencoderSpec(channels, window, model.filters(), model.kernel(),
                    model.downsampling(), model.bottleneck(), activation);
            case SeriesModel.VAE -> new VariationalAutoencoderSpec(
                    new DenseNetworkSpec(width, hiddenSizes, activation, NetworkSpec.NONE), latentSize);
            case SeriesModel.AAE -> new AdversarialAutoencoderSpec(
                    new DenseNetworkSpec(width, hiddenSizes, activation, NetworkSpec.NONE), latentSize);
            case SeriesModel.LSTM -> new LstmAutoencoderSpec(channels, window, hiddenSizes.get(0), model.layers(),
                    latentSize);
            default -> throw new IllegalArgumentException("invalid model: " + model.kind());
        };
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
                ThresholdSettings.quantile(DEFAULT_THRESHOLD_QUANTILE, DEFAULT_THRESHOLD_SCALE), Denoising.NONE,
                SeriesModel.dense(), ObjectiveSettings.DEFAULT);
    }

    /** A copy with another window length and stride. */
    public TrainerConfig withWindow(int newWindow, int newStride) {
        return new TrainerConfig(name, version, newWindow, newStride, trainFraction, validationFraction,
                hiddenSizes, latentSize, activation, learningRate, batchSize, maxEpochs, patience, seed,
                threshold, denoising, model, objective);
    }

    /** A copy with another architecture. */
    public TrainerConfig withArchitecture(List<Integer> newHidden, int newLatent) {
        return new TrainerConfig(name, version, window, stride, trainFraction, validationFraction,
                newHidden, newLatent, activation, learningRate, batchSize, maxEpochs, patience, seed,
                threshold, denoising, model, objective);
    }

    /** A copy with other split fractions. */
    public TrainerConfig withSplit(double newTrainFraction, double newValidationFraction) {
        return new TrainerConfig(name, version, window, stride, newTrainFraction, newValidationFraction,
                hiddenSizes, latentSize, activation, learningRate, batchSize, maxEpochs, patience, seed,
                threshold, denoising, model, objective);
    }

    /** A copy with other optimisation settings. */
    public TrainerConfig withOptimisation(double newLearningRate, int newBatchSize, int newMaxEpochs, int newPatience) {
        return new TrainerConfig(name, version, window, stride, trainFraction, validationFraction,
                hiddenSizes, latentSize, activation, newLearningRate, newBatchSize, newMaxEpochs, newPatience,
                seed, threshold, denoising, model, objective);
    }

    /** A copy with another seed. */
    public TrainerConfig withSeed(long newSeed) {
        return new TrainerConfig(name, version, window, stride, trainFraction, validationFraction,
                hiddenSizes, latentSize, activation, learningRate, batchSize, maxEpochs, patience, newSeed,
                threshold, denoising, model, objective);
    }

    /** A copy with another threshold calibration. */
    public TrainerConfig withThreshold(double newQuantile, double newScale) {
        return new TrainerConfig(name, version, window, stride, trainFraction, validationFraction,
                hiddenSizes, latentSize, activation, learningRate, batchSize, maxEpochs, patience, seed,
                quantileThreshold(newQuantile, newScale), denoising, model, objective);
    }

    /** A copy with another threshold calibration (any method). */
    public TrainerConfig withThreshold(ThresholdSettings newThreshold) {
        return new TrainerConfig(name, version, window, stride, trainFraction, validationFraction,
                hiddenSizes, latentSize, activation, learningRate, batchSize, maxEpochs, patience, seed,
                newThreshold, denoising, model, objective);
    }

    /** A copy with another input corruption (denoising training). */
    public TrainerConfig withDenoising(Denoising newDenoising) {
        return new TrainerConfig(name, version, window, stride, trainFraction, validationFraction,
                hiddenSizes, latentSize, activation, learningRate, batchSize, maxEpochs, patience, seed,
                threshold, newDenoising, model, objective);
    }

    /** A copy with another loss, VAE or AAE settings, or score function. */
    public TrainerConfig withObjective(ObjectiveSettings newObjective) {
        return new TrainerConfig(name, version, window, stride, trainFraction, validationFraction,
                hiddenSizes, latentSize, activation, learningRate, batchSize, maxEpochs, patience, seed,
                threshold, denoising, model, newObjective);
    }

    /** A copy that trains another model kind. */
    public TrainerConfig withModel(SeriesModel newModel) {
        return new TrainerConfig(name, version, window, stride, trainFraction, validationFraction,
                hiddenSizes, latentSize, activation, learningRate, batchSize, maxEpochs, patience, seed,
                threshold, denoising, newModel, objective);
    }
}
