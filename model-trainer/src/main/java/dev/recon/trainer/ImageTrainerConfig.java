package dev.recon.trainer;

import dev.recon.model.arch.ConvAutoencoderSpec;
import dev.recon.model.threshold.PotThresholdCalibrator;
import dev.recon.model.threshold.SigmaThresholdCalibrator;
import java.util.List;
import java.util.Objects;

/**
 * Settings of one image training run ({@link ImageTrainer}), validated when built; every field is
 * recorded in the bundle.
 *
 * <pre>{@code
 * ImageTrainerConfig config = ImageTrainerConfig.builder("fashion")
 *         .optNormalClasses(List.of(0)).optFilters(List.of(16, 32)).optMaxEpochs(5).build();
 * }</pre>
 *
 * @param name model name carried by every event the model scores
 * @param version model version carried by every event the model scores
 * @param filters encoder stages of the {@code conv2d} model (see {@link ConvAutoencoderSpec})
 * @param decoder {@code transposed} or {@code upsample}
 * @param bottleneck dense code size, 0 for none
 * @param activation {@code relu} or {@code tanh}
 * @param normalClasses labels that are normal (trained on); empty: every image is normal
 * @param validationFraction share of the normal images held out for early stopping and calibration
 * @param learningRate Adam learning rate
 * @param batchSize images per step
 * @param maxEpochs epoch limit
 * @param patience epochs without validation improvement before stopping
 * @param seed seed of initialisation, the split, shuffling and corruption
 * @param threshold threshold calibration on the normal validation images
 * @param denoising input corruption during training
 */
public record ImageTrainerConfig(
        String name,
        String version,
        List<Integer> filters,
        String decoder,
        int bottleneck,
        String activation,
        List<Integer> normalClasses,
        double validationFraction,
        double learningRate,
        int batchSize,
        int maxEpochs,
        int patience,
        long seed,
        ThresholdSettings threshold,
        Denoising denoising) {

    /** Default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** Default epoch limit. */
    public static final int DEFAULT_MAX_EPOCHS = 20;
    /** Default early-stopping patience. */
    public static final int DEFAULT_PATIENCE = 3;
    /**
     * Default dense bottleneck: on Fashion-MNIST one-class runs it lifts the AUROC from about 0.73
     * (none) to 0.92, because without it the network learns to reconstruct every class.
     */
    public static final int DEFAULT_BOTTLENECK = 32;
    /** Default threshold quantile: about 5% false alarms on normal images. */
    public static final double DEFAULT_THRESHOLD_QUANTILE = 0.95;

    /** Validates every field, naming the setting and its value. */
    public ImageTrainerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(denoising, "denoising");
        filters = List.copyOf(filters);
        normalClasses = normalClasses == null ? List.of() : List.copyOf(normalClasses);
        check(!name.isBlank(), "name", name, "a non-empty name");
        check(!filters.isEmpty() && filters.stream().allMatch(f -> f >= 1), "filters", filters, "sizes >= 1");
        check(decoder.equals(ConvAutoencoderSpec.TRANSPOSED) || decoder.equals(ConvAutoencoderSpec.UPSAMPLE),
                "decoder", decoder, "transposed or upsample");
        check(bottleneck >= 0, "bottleneck", bottleneck, ">= 0 (0 for none)");
        check(activation.equals("relu") || activation.equals("tanh"), "activation", activation, "relu or tanh");
        check(validationFraction > 0 && validationFraction < 1, "validation-fraction", validationFraction, "in (0, 1)");
        check(learningRate > 0 && Double.isFinite(learningRate), "learning-rate", learningRate, "> 0");
        check(batchSize >= 1, "batch-size", batchSize, ">= 1");
        check(maxEpochs >= 1, "epochs", maxEpochs, ">= 1");
        check(patience >= 1, "patience", patience, ">= 1");
    }

    private static void check(boolean ok, String key, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("invalid " + key + ": " + value + " (expected " + expected + ")");
        }
    }

    /** A builder starting from the defaults, for a model called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds an {@link ImageTrainerConfig}; {@code opt*} setters override the defaults. */
    public static final class Builder {
        private final String name;
        private String version = "1";
        private List<Integer> filters = ConvAutoencoderSpec.DEFAULT_FILTERS;
        private String decoder = ConvAutoencoderSpec.TRANSPOSED;
        private int bottleneck = DEFAULT_BOTTLENECK;
        private String activation = "relu";
        private List<Integer> normalClasses = List.of();
        private double validationFraction = TrainerConfig.DEFAULT_VALIDATION_FRACTION;
        private double learningRate = TrainerConfig.DEFAULT_LEARNING_RATE;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int maxEpochs = DEFAULT_MAX_EPOCHS;
        private int patience = DEFAULT_PATIENCE;
        private long seed = TrainerConfig.DEFAULT_SEED;
        private ThresholdSettings threshold = new ThresholdSettings("quantile", DEFAULT_THRESHOLD_QUANTILE, 1.0,
                SigmaThresholdCalibrator.DEFAULT_K, PotThresholdCalibrator.DEFAULT_RISK,
                PotThresholdCalibrator.DEFAULT_LEVEL);
        private Denoising denoising = Denoising.NONE;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Model version. */
        public Builder optVersion(String value) {
            version = value;
            return this;
        }

        /** Encoder stages. */
        public Builder optFilters(List<Integer> value) {
            filters = value;
            return this;
        }

        /** {@code transposed} or {@code upsample}. */
        public Builder optDecoder(String value) {
            decoder = value;
            return this;
        }

        /** Dense code size, 0 for none. */
        public Builder optBottleneck(int value) {
            bottleneck = value;
            return this;
        }

        /** {@code relu} or {@code tanh}. */
        public Builder optActivation(String value) {
            activation = value;
            return this;
        }

        /** Labels trained on; the others are held out as anomalies. */
        public Builder optNormalClasses(List<Integer> value) {
            normalClasses = value;
            return this;
        }

        /** Held-out share of the normal images. */
        public Builder optValidationFraction(double value) {
            validationFraction = value;
            return this;
        }

        /** Optimisation settings. */
        public Builder optOptimisation(double newLearningRate, int newBatchSize, int newMaxEpochs, int newPatience) {
            learningRate = newLearningRate;
            batchSize = newBatchSize;
            maxEpochs = newMaxEpochs;
            patience = newPatience;
            return this;
        }

        /** Epoch limit. */
        public Builder optMaxEpochs(int value) {
            maxEpochs = value;
            return this;
        }

        /** Seed. */
        public Builder optSeed(long value) {
            seed = value;
            return this;
        }

        /** Threshold calibration. */
        public Builder optThreshold(ThresholdSettings value) {
            threshold = value;
            return this;
        }

        /** Input corruption. */
        public Builder optDenoising(Denoising value) {
            denoising = value;
            return this;
        }

        /** The validated configuration. */
        public ImageTrainerConfig build() {
            return new ImageTrainerConfig(name, version, filters, decoder, bottleneck, activation, normalClasses,
                    validationFraction, learningRate, batchSize, maxEpochs, patience, seed, threshold, denoising);
        }
    }
}
