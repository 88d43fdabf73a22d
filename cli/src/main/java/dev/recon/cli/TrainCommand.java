package dev.recon.cli;

import dev.recon.model.arch.ConvAutoencoderSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.TrainingSummary.EpochMetrics;
import dev.recon.model.threshold.DetectionMetrics;
import dev.recon.model.threshold.PotThresholdCalibrator;
import dev.recon.model.threshold.SigmaThresholdCalibrator;
import dev.recon.trainer.Denoising;
import dev.recon.trainer.ImageTrainer;
import dev.recon.trainer.ImageTrainerConfig;
import dev.recon.trainer.ThresholdSettings;
import dev.recon.trainer.TimeSeriesTrainer;
import dev.recon.trainer.TrainerConfig;
import dev.recon.trainer.TrainingProgress;
import dev.recon.trainer.TrainingResult;
import dev.recon.trainer.data.ImageFiles;
import dev.recon.trainer.data.ImageSet;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon train}: fits a model on normal data (a CSV series, or images) and writes a bundle. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train an autoencoder on normal data and write a model bundle.",
            "dense (time series): --data is a CSV with a header, a timestamp column and one or more numeric columns"
                    + " (NAB's 'timestamp,value' works as is). The first --train-fraction of the rows is used:"
                    + " its last --validation-fraction for early stopping and threshold calibration.",
            "conv2d (images): --data is an IDX image file (MNIST/Fashion-MNIST format, plain or .gz) with optional"
                    + " --labels, or a folder of PNGs (labels from class sub-folders 0/, 1/, ...). With"
                    + " --normal-classes only those labels are trained on; the other images measure detection"
                    + " (precision, recall, F1, AUROC)."
        },
        sortOptions = false)
final class TrainCommand implements Callable<Integer> {

    private static final String DENSE = "dense";

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Training data: a CSV (dense), an IDX image file or a PNG folder (conv2d).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE",
            description = "Where to write the model bundle: a directory, or a path ending in .zip.")
    Path out;

    @Option(names = "--model", defaultValue = DENSE, paramLabel = "KIND",
            description = "Model kind: dense (time series) or conv2d (images) (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--window", defaultValue = "" + TrainerConfig.DEFAULT_WINDOW,
            description = "dense: readings per window (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--stride", defaultValue = "1",
            description = "dense: readings between scored windows when streaming (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--train-fraction", defaultValue = "" + TrainerConfig.DEFAULT_TRAIN_FRACTION,
            description = "dense: leading fraction of the file used to fit, as NAB's probationary period"
                    + " (default: ${DEFAULT-VALUE}).")
    double trainFraction;

    @Option(names = "--validation-fraction", defaultValue = "" + TrainerConfig.DEFAULT_VALIDATION_FRACTION,
            description = "Share held out for validation: the trailing share of the fitted rows (dense), a random"
                    + " share of the normal images (conv2d) (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--hidden", split = ",", paramLabel = "N[,N...]", defaultValue = "32",
            description = "dense: encoder hidden layer sizes; the decoder mirrors them (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--latent", defaultValue = "" + TrainerConfig.DEFAULT_LATENT,
            description = "dense: bottleneck size (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--activation", defaultValue = "relu", description = "relu or tanh (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--labels", paramLabel = "LABELS.idx1[.gz]", description = "conv2d: IDX label file of the images.")
    Path labels;

    @Option(names = "--normal-classes", split = ",", paramLabel = "C[,C...]",
            description = "conv2d: labels of normal images; only those are trained on, the others are held out"
                    + " to measure detection (default: every image is normal).")
    List<Integer> normalClasses;

    @Option(names = "--filters", split = ",", paramLabel = "N[,N...]", defaultValue = "16,32",
            description = "conv2d: channels of each encoder stage (3x3 conv + 2x2 max-pool) (default: ${DEFAULT-VALUE}).")
    List<Integer> filters;

    @Option(names = "--decoder", defaultValue = ConvAutoencoderSpec.TRANSPOSED,
            description = "conv2d: transposed (transposed convolutions, kernel = stride = 2) or upsample"
                    + " (nearest-neighbour upsampling + 3x3 conv) (default: ${DEFAULT-VALUE}).")
    String decoder;

    @Option(names = "--bottleneck", defaultValue = "" + ImageTrainerConfig.DEFAULT_BOTTLENECK,
            description = "conv2d: size of the dense code between encoder and decoder, 0 for none"
                    + " (default: ${DEFAULT-VALUE}).")
    int bottleneck;

    @Option(names = "--image-size", paramLabel = "HxW",
            description = "conv2d, PNG folders: resize every image to this size (default: the first image's).")
    String imageSize;

    @Option(names = "--image-channels", defaultValue = "0",
            description = "conv2d, PNG folders: 1 (gray) or 3 (RGB); 0 for gray when every image is gray"
                    + " (default: ${DEFAULT-VALUE}).")
    int imageChannels;

    @Option(names = "--limit", paramLabel = "N", description = "conv2d: use only the first N images.")
    Integer limit;

    @Option(names = "--denoise", defaultValue = "none", paramLabel = "none|gaussian:STD|mask:P",
            description = "Denoising training: corrupt the inputs (additive Gaussian noise clipped to the data range,"
                    + " or random zeroing) and learn to output the clean ones (default: ${DEFAULT-VALUE}).")
    String denoise;

    @Option(names = "--epochs", description = "Maximum epochs (default: 100 for dense, 20 for conv2d).")
    Integer epochs;

    @Option(names = "--patience",
            description = "Stop after this many epochs without validation improvement (default: 10 for dense, 3 for conv2d).")
    Integer patience;

    @Option(names = "--batch-size", description = "Examples per step (default: 32 for dense, 64 for conv2d).")
    Integer batchSize;

    @Option(names = "--learning-rate", defaultValue = "" + TrainerConfig.DEFAULT_LEARNING_RATE,
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--threshold-method", defaultValue = "quantile", paramLabel = "quantile|sigma|pot",
            description = "How the threshold is calibrated on the validation errors: quantile (scale x quantile),"
                    + " sigma (mean + k x std) or pot (peaks over threshold: a generalised Pareto tail fitted by"
                    + " probability-weighted moments, for a target false-alarm rate) (default: ${DEFAULT-VALUE}).")
    String thresholdMethod;

    @Option(names = "--threshold-quantile",
            description = "quantile: quantile of the validation errors (default: 1 for dense, 0.95 for conv2d).")
    Double thresholdQuantile;

    @Option(names = "--threshold-scale",
            description = "quantile: multiplier applied to that quantile (default: 2 for dense, 1 for conv2d).")
    Double thresholdScale;

    @Option(names = "--threshold-sigmas", defaultValue = "" + SigmaThresholdCalibrator.DEFAULT_K,
            description = "sigma: standard deviations above the mean (default: ${DEFAULT-VALUE}).")
    double thresholdSigmas;

    @Option(names = "--pot-risk", defaultValue = "" + PotThresholdCalibrator.DEFAULT_RISK,
            description = "pot: target false-alarm probability per window or image (default: ${DEFAULT-VALUE}).")
    double potRisk;

    @Option(names = "--pot-level", defaultValue = "" + PotThresholdCalibrator.DEFAULT_LEVEL,
            description = "pot: quantile of the initial threshold whose excesses are fitted (default: ${DEFAULT-VALUE}).")
    double potLevel;

    @Option(names = "--seed", defaultValue = "" + TrainerConfig.DEFAULT_SEED,
            description = "Random seed; on CPU the same seed gives the same bundle (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--name", description = "Model name carried by every event (default: the data file's name).")
    String name;

    @Option(names = "--model-version", defaultValue = "1", description = "Model version carried by every event (default: ${DEFAULT-VALUE}).")
    String version;

    @Option(names = {"-q", "--quiet"}, description = "Print only the summary.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        TrainingProgress progress = quiet ? TrainingProgress.SILENT : new ConsoleProgress(out);
        TrainingResult result;
        switch (kind) {
            case DENSE -> result = trainDense(out, progress);
            case ConvAutoencoderSpec.KIND -> result = trainImages(out, progress);
            default -> throw new IllegalArgumentException("invalid --model: '" + kind + "' (supported: dense, conv2d)");
        }
        BundleManifest m = result.manifest();
        out.printf("best epoch %d of %d: train loss %.5f, validation loss %.5f (%.1f s)%n",
                m.training().bestEpoch(), m.training().epochs(), m.training().trainLoss(),
                m.training().validationLoss(), m.training().seconds());
        out.printf("threshold %.6f (%s, %s; validation errors median %.5f, max %.5f)%n",
                m.threshold().value(), m.threshold().method(), m.threshold().parameters(),
                m.threshold().errors().median(), m.threshold().errors().max());
        if (m.training().detection() != null) {
            out.println(EvaluateCommand.describe(m.training().detection()));
        }
        out.printf("wrote model bundle %s (model %s version %s)%n", result.bundle(), m.name(), m.version());
        return 0;
    }

    private TrainingResult trainDense(PrintStream out, TrainingProgress progress) throws Exception {
        if (labels != null || normalClasses != null) {
            throw new IllegalArgumentException("--labels and --normal-classes apply to image models (--model conv2d)");
        }
        TrainerConfig config = new TrainerConfig(name != null ? name : defaultName(data), version, window, stride,
                trainFraction, validationFraction, hidden, latent, activation, learningRate,
                or(batchSize, TrainerConfig.DEFAULT_BATCH_SIZE), or(epochs, TrainerConfig.DEFAULT_MAX_EPOCHS),
                or(patience, TrainerConfig.DEFAULT_PATIENCE), seed,
                threshold(TrainerConfig.DEFAULT_THRESHOLD_QUANTILE, TrainerConfig.DEFAULT_THRESHOLD_SCALE),
                Denoising.parse(denoise));
        TimeSeries series = TimeSeriesCsv.read(data);
        out.printf("read %d rows x %d channels %s from %s%n", series.size(), series.channels().size(),
                series.channels(), data);
        return new TimeSeriesTrainer(config, progress).train(series, this.out);
    }

    private TrainingResult trainImages(PrintStream out, TrainingProgress progress) throws Exception {
        int[] size = parseSize(imageSize);
        ImageSet images = ImageFiles.read(data, labels, imageChannels, size[0], size[1]);
        if (limit != null) {
            if (limit < 1) {
                throw new IllegalArgumentException("invalid --limit: " + limit + " (expected >= 1)");
            }
            images = images.first(limit);
        }
        out.printf("read %d images of %d x %d x %d%s from %s%n", images.size(), images.channels(), images.height(),
                images.width(), images.labelled() ? " with labels" : "", data);
        ImageTrainerConfig config = ImageTrainerConfig.builder(name != null ? name : defaultName(data))
                .optVersion(version)
                .optFilters(filters)
                .optDecoder(decoder)
                .optBottleneck(bottleneck)
                .optActivation(activation)
                .optNormalClasses(normalClasses == null ? List.of() : normalClasses)
                .optValidationFraction(validationFraction)
                .optOptimisation(learningRate, or(batchSize, ImageTrainerConfig.DEFAULT_BATCH_SIZE),
                        or(epochs, ImageTrainerConfig.DEFAULT_MAX_EPOCHS), or(patience, ImageTrainerConfig.DEFAULT_PATIENCE))
                .optSeed(seed)
                .optThreshold(threshold(ImageTrainerConfig.DEFAULT_THRESHOLD_QUANTILE, 1.0))
                .optDenoising(Denoising.parse(denoise))
                .build();
        return new ImageTrainer(config, progress).train(images, labels, this.out);
    }

    private ThresholdSettings threshold(double defaultQuantile, double defaultScale) {
        return new ThresholdSettings(thresholdMethod.toLowerCase(Locale.ROOT),
                thresholdQuantile != null ? thresholdQuantile : defaultQuantile,
                thresholdScale != null ? thresholdScale : defaultScale, thresholdSigmas, potRisk, potLevel);
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    /** Parses {@code HxW}; {@code {0, 0}} when absent. */
    static int[] parseSize(String text) {
        if (text == null) {
            return new int[] {0, 0};
        }
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int h = Integer.parseInt(parts[0].trim());
                int w = Integer.parseInt(parts[1].trim());
                if (h >= 1 && w >= 1) {
                    return new int[] {h, w};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid --image-size: '" + text + "' (expected HEIGHTxWIDTH, e.g. 28x28)");
    }

    static String defaultName(Path data) {
        String file = data.getFileName().toString();
        if (file.endsWith(".gz")) {
            file = file.substring(0, file.length() - 3);
        }
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** Prints one line per epoch, with the time left if the epoch limit is reached. */
    static final class ConsoleProgress implements TrainingProgress {
        private final PrintStream out;
        private double elapsed;

        ConsoleProgress(PrintStream out) {
            this.out = out;
        }

        @Override
        public void started(String description) {
            out.println(description);
        }

        @Override
        public void epoch(EpochMetrics m, int maxEpochs, boolean improved) {
            elapsed += m.seconds();
            double eta = elapsed / m.epoch() * (maxEpochs - m.epoch());
            out.printf("epoch %3d/%d  train loss %.5f  validation loss %.5f%s  %.2f s  ETA %s%n", m.epoch(), maxEpochs,
                    m.trainLoss(), m.validationLoss(), improved ? " *" : "  ", m.seconds(),
                    m.epoch() == maxEpochs ? "-" : String.format("%.0f s", eta));
        }
    }
}
