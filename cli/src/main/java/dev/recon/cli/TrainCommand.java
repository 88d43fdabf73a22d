package dev.recon.cli;

import dev.recon.model.arch.ConditionalVariationalAutoencoderSpec;
import dev.recon.model.arch.ConvAutoencoderSpec;
import dev.recon.model.arch.ConvNetworkSpec;
import dev.recon.model.arch.DenseNetworkSpec;
import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.NoveltySpec;
import dev.recon.model.bundle.TrainingSummary.EpochMetrics;
import dev.recon.model.threshold.DetectionMetrics;
import dev.recon.model.threshold.PotThresholdCalibrator;
import dev.recon.model.threshold.SigmaThresholdCalibrator;
import dev.recon.model.window.ResampleSpec;
import dev.recon.trainer.Denoising;
import dev.recon.trainer.NormalizationScope;
import dev.recon.trainer.ImageTrainer;
import dev.recon.trainer.ImageTrainerConfig;
import dev.recon.trainer.ObjectiveSettings;
import dev.recon.trainer.SeriesModel;
import dev.recon.trainer.ThresholdSettings;
import dev.recon.trainer.TimeSeriesTrainer;
import dev.recon.trainer.TrainerConfig;
import dev.recon.trainer.TrainingProgress;
import dev.recon.trainer.TrainingResult;
import dev.recon.trainer.data.ImageFiles;
import dev.recon.trainer.data.ImageSet;
import dev.recon.trainer.data.SensorSeries;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import dev.recon.trainer.report.ReportContent;
import dev.recon.trainer.report.ReportMaterial;
import dev.recon.trainer.report.TrainingReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
            "dense, conv1d, lstm (time series): --data is a CSV with a header, a timestamp column and one or more"
                    + " numeric columns (NAB's 'timestamp,value' works as is). The first --train-fraction of the rows"
                    + " is used: its last --validation-fraction for early stopping and threshold calibration."
                    + " dense: fully connected over the flattened window; conv1d: 1-D convolutions along time"
                    + " (--filters, --kernel, --downsample, --bottleneck); lstm: sequence-to-sequence LSTMs"
                    + " (--hidden units, --layers, --latent).",
            "conv2d (images): --data is an IDX image file (MNIST/Fashion-MNIST format, plain or .gz) with optional"
                    + " --labels, or a folder of PNGs (labels from class sub-folders 0/, 1/, ...). With"
                    + " --normal-classes only those labels are trained on; the other images measure detection"
                    + " (precision, recall, F1, AUROC).",
            "vae (variational) and aae (adversarial autoencoder): a .csv --data trains on time-series windows with a"
                    + " dense network; an IDX file or PNG folder trains on images with --variant conv (the conv2d"
                    + " stages, default) or dense. vae: --beta, --kl-anneal-epochs, --score"
                    + " recon-mean|recon-samples:L|elbo; aae: --discriminator-hidden. Every kind: --loss mse|bce,"
                    + " --score mse|latent-knn:K.",
            "cvae (conditional variational autoencoder, images only): conditioned on each image's label, so --data needs"
                    + " labels (--labels, or class sub-folders). Its conditions are the --normal-classes, or every label"
                    + " present; an image is normal when it looks like the label it claims. Detection is measured by"
                    + " relabelling: held-out images with their own label against the same images with another label."
                    + " Options as for vae."
        },
        sortOptions = false)
final class TrainCommand implements Callable<Integer> {

    private static final String DENSE = "dense";

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Training data: a CSV (dense, conv1d, lstm), an IDX image file or a PNG folder (conv2d)."
                    + " Time series: repeat it to fit one model on several sensors' series (same channels), each split"
                    + " in time order the same way, no window crossing from one series to the next.")
    List<Path> dataFiles;

    @Option(names = "--sensor-ids", split = ",", paramLabel = "ID[,ID...]",
            description = "Time series: the sensor id of each --data file, in order, as the job sees it in readings"
                    + " (default: each file's name without its extension).")
    List<String> sensorIds;

    @Option(names = "--normalization", defaultValue = "shared", paramLabel = "shared|per-sensor",
            description = "Time series: z-score every series with statistics pooled over all of them (shared), or"
                    + " each with its own, stored in the bundle by sensor id (per-sensor); sensors the model was not"
                    + " fitted on are then scored with the pooled statistics (default: ${DEFAULT-VALUE}).")
    String normalization;

    /** The first (for images, the only) {@code --data}. */
    private Path data;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE",
            description = "Where to write the model bundle: a directory, or a path ending in .zip.")
    Path out;

    @Option(names = "--model", defaultValue = DENSE, paramLabel = "KIND",
            description = "Model kind: dense, conv1d or lstm (time series), conv2d or cvae (images), or vae or aae"
                    + " (either) (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--window", paramLabel = "N",
            description = "Time series: readings per window; conv1d needs a multiple of 2^(encoder stages)"
                    + " (default: " + TrainerConfig.DEFAULT_WINDOW + ", shortened to the longest window the series'"
                    + " training and validation parts hold when it is too short, as the log and the bundle say).")
    Integer window;

    @Option(names = "--stride", defaultValue = "1",
            description = "Time series: readings between scored windows when streaming (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--seasonal-periods", defaultValue = "none", paramLabel = "none|PERIOD[,PERIOD...]",
            description = "Time series: ISO-8601 periods (P1D, P7D, PT12H) the alarm also looks back: an error as high"
                    + " as at the same time one period earlier is no onset, for streams with daily or weekly cycles"
                    + " longer than the window (default: ${DEFAULT-VALUE}).")
    String seasonalPeriods;

    @Option(names = "--resample", paramLabel = "STEP",
            description = "Time series: train on the readings resampled onto a grid of STEP (500ms, 1s, 5m, PT1M), as"
                    + " the job serves them with window.mode=time and window.step=STEP; windows then count grid points.")
    String resample;

    @Option(names = "--gap-policy", paramLabel = "fill-forward|interpolate|break",
            description = "With --resample: what a grid point without a reading gets (default: fill-forward).")
    String gapPolicy;

    @Option(names = "--max-gap-steps", paramLabel = "N",
            description = "With --resample: most consecutive empty grid points that are filled; a longer gap breaks the"
                    + " window (default: " + ResampleSpec.DEFAULT_MAX_GAP_STEPS + ").")
    Integer maxGapSteps;

    @Option(names = "--train-fraction", defaultValue = "" + TrainerConfig.DEFAULT_TRAIN_FRACTION,
            description = "Time series: leading fraction of the file used to fit, as NAB's probationary period"
                    + " (default: ${DEFAULT-VALUE}).")
    double trainFraction;

    @Option(names = "--validation-fraction", defaultValue = "" + TrainerConfig.DEFAULT_VALIDATION_FRACTION,
            description = "Share held out for validation: the trailing share of the fitted rows (dense), a random"
                    + " share of the normal images (conv2d) (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--hidden", split = ",", paramLabel = "N[,N...]",
            description = "dense, and the dense network of vae and aae: encoder hidden layer sizes, the decoder mirrors"
                    + " them; lstm: one size, the units of every LSTM layer (default: 32; 256 for vae and aae on"
                    + " images).")
    List<Integer> hidden;

    @Option(names = "--latent",
            description = "dense: bottleneck size; lstm: size the encoder's last hidden state is projected to before"
                    + " it is repeated over the steps, 0 for no projection; vae, aae: code size (default: "
                    + TrainerConfig.DEFAULT_LATENT + "; " + ImageTrainerConfig.DEFAULT_LATENT
                    + " for vae and aae on images).")
    Integer latent;

    @Option(names = "--activation", defaultValue = "relu", description = "relu or tanh (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--labels", paramLabel = "LABELS.idx1[.gz]",
            description = "Images: IDX label file of the images; cvae needs labels (the condition of each image).")
    Path labels;

    @Option(names = "--normal-classes", split = ",", paramLabel = "C[,C...]",
            description = "conv2d: labels of normal images; only those are trained on, the others are held out"
                    + " to measure detection (default: every image is normal). cvae: the labels it is conditioned on"
                    + " (default: every label present).")
    List<Integer> normalClasses;

    @Option(names = "--filters", split = ",", paramLabel = "N[,N...]", defaultValue = "16,32",
            description = "conv2d: channels of each encoder stage (3x3 conv + 2x2 max-pool); conv1d: likewise"
                    + " (conv along time + downsampling by 2) (default: ${DEFAULT-VALUE}).")
    List<Integer> filters;

    @Option(names = "--decoder", defaultValue = ConvAutoencoderSpec.TRANSPOSED,
            description = "conv2d: transposed (transposed convolutions, kernel = stride = 2) or upsample"
                    + " (nearest-neighbour upsampling + 3x3 conv) (default: ${DEFAULT-VALUE}).")
    String decoder;

    @Option(names = "--bottleneck",
            description = "conv2d, conv1d: size of the dense code between encoder and decoder, 0 for none"
                    + " (default: " + ImageTrainerConfig.DEFAULT_BOTTLENECK + " for conv2d, "
                    + SeriesModel.DEFAULT_BOTTLENECK + " for conv1d).")
    Integer bottleneck;

    @Option(names = "--kernel", defaultValue = "" + SeriesModel.DEFAULT_KERNEL,
            description = "conv1d: convolution kernel length in readings, odd (default: ${DEFAULT-VALUE}).")
    int kernel;

    @Option(names = "--downsample", defaultValue = SeriesModel.DEFAULT_DOWNSAMPLING, paramLabel = "maxpool|stride",
            description = "conv1d: how each encoder stage halves the length: a 2-step max-pool after the convolution,"
                    + " or a convolution with stride 2 (default: ${DEFAULT-VALUE}).")
    String downsample;

    @Option(names = "--layers", defaultValue = "" + SeriesModel.DEFAULT_LAYERS,
            description = "lstm: stacked LSTM layers in the encoder and in the decoder (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--variant", paramLabel = "conv|dense",
            description = "vae, aae: the network, conv (the conv2d stages, with --filters and --decoder; images) or"
                    + " dense (fully connected, with --hidden; time series, or flattened images) (default: conv for"
                    + " images, dense for time series).")
    String variant;

    @Option(names = "--loss", defaultValue = ObjectiveSettings.MSE, paramLabel = "mse|bce",
            description = "Reconstruction loss: mse, or bce (binary cross-entropy, computed from the logits; needs data"
                    + " in [0, 1], so images, not z-scored time series) (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--beta",
            description = "vae: weight of the KL divergence in the loss (per value, like the reconstruction loss), and"
                    + " in the elbo score (default: " + ObjectiveSettings.DEFAULT_BETA + ").")
    Double beta;

    @Option(names = "--kl-anneal-epochs", paramLabel = "N",
            description = "vae: ramp the KL weight linearly from 0 to --beta over the first N epochs; only the epochs"
                    + " after it can be the best one (default: 0, no annealing).")
    Integer klAnnealEpochs;

    @Option(names = "--score", paramLabel = "mse|latent-knn:K|recon-mean|recon-samples:L|elbo",
            description = "Score function, recorded in the bundle and used for the threshold, recon score and the"
                    + " stream. Any kind: mse (reconstruction error) or latent-knn:K (mean distance of the example's"
                    + " latent code to its K nearest training codes, which the bundle carries; K defaults to 10; not"
                    + " cvae). vae also: recon-mean (error of the reconstruction of the mean code; also early"
                    + " stopping), recon-samples:L (mean error over L seeded decoder samples) or elbo (recon-mean +"
                    + " beta x KL per value) (default: recon-mean for vae and cvae, latent-knn:10 for conv2d on"
                    + " images, mse otherwise).")
    String score;

    @Option(names = "--discriminator-hidden", split = ",", paramLabel = "N[,N...]",
            description = "aae: hidden layer sizes of the discriminator that pushes the codes towards N(0, I); it is"
                    + " not saved in the bundle (default: 64,64).")
    List<Integer> discriminatorHidden;

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

    @Option(names = "--epochs", description = "Maximum epochs (default: 100 for time series, 20 for conv2d).")
    Integer epochs;

    @Option(names = "--patience",
            description = "Stop after this many epochs without validation improvement (default: 10 for time series, 3 for conv2d).")
    Integer patience;

    @Option(names = "--batch-size", description = "Examples per step (default: 32 for time series, 64 for conv2d).")
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

    @Option(names = "--no-report", description = "Skip the training report (an HTML page with loss curves, score"
            + " histogram and reconstructions, written next to the bundle by default).")
    boolean noReport;

    private ReportSource reportMaterial;

    @Option(names = {"-q", "--quiet"}, description = "Print only the summary.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        data = dataFiles.get(0);
        PrintStream out = System.out;
        TrainingProgress progress = quiet ? TrainingProgress.SILENT : new ConsoleProgress(out);
        TrainingResult result;
        switch (kind) {
            case SeriesModel.DENSE, SeriesModel.CONV1D, SeriesModel.LSTM -> result = trainSeries(out, progress);
            case ConvAutoencoderSpec.KIND -> result = trainImages(out, progress);
            case SeriesModel.VAE, SeriesModel.AAE -> result = imageData() ? trainImages(out, progress)
                    : trainSeries(out, progress);
            case ConditionalVariationalAutoencoderSpec.KIND -> {
                if (!imageData()) {
                    throw new IllegalArgumentException("--model cvae trains on labelled images (an IDX file with --labels,"
                            + " or a PNG folder with class sub-folders), not on a CSV: time series have no conditions");
                }
                result = trainImages(out, progress);
            }
            default -> throw new IllegalArgumentException(
                    "invalid --model: '" + kind + "' (supported: dense, conv1d, lstm, vae, aae, cvae, conv2d)");
        }
        BundleManifest m = result.manifest();
        out.printf("best epoch %d of %d: train loss %.5f, validation loss %.5f (%.1f s)%n",
                m.training().bestEpoch(), m.training().epochs(), m.training().trainLoss(),
                m.training().validationLoss(), m.training().seconds());
        out.printf("threshold %.6f (%s, %s; validation errors median %.5f, max %.5f)%n",
                m.threshold().value(), m.threshold().method(), m.threshold().parameters(),
                m.threshold().errors().median(), m.threshold().errors().max());
        if (m.alarm() != null) {
            out.printf("alarm: anomaly_score >= %.3f (%s, look-back %d windows; recon score and the job judge by it)%n",
                    m.alarm().level(), m.alarm().rule(), m.alarm().lookBack());
            NoveltySpec novelty = m.alarm().novelty();
            if (novelty != null) {
                StringBuilder ranges = new StringBuilder();
                for (int c = 0; c < novelty.channels(); c++) {
                    ranges.append(c == 0 ? "" : ", ").append(m.input().channels().get(c)).append(' ')
                            .append(String.format("%.6g..%.6g", novelty.low().get(c), novelty.high().get(c)));
                }
                out.printf("new values page too: farther than 1/%d of the training range (%s) from every value"
                        + " seen; then quiet for %d windows%n", novelty.divisions(), ranges, novelty.restWindows());
            }
        }
        if (m.training().detection() != null) {
            out.println(EvaluateCommand.describe(m.training().detection()));
        }
        out.printf("wrote model bundle %s (model %s version %s)%n", result.bundle(), m.name(), m.version());
        if (!noReport && reportMaterial != null) {
            writeReport(out, result);
        }
        return 0;
    }

    /** Material for the training report, gathered once the bundle is written. */
    @FunctionalInterface
    private interface ReportSource {
        ReportContent gather() throws Exception;
    }

    private void writeReport(PrintStream out, TrainingResult result) {
        Path file = TrainingReport.pathFor(result.bundle());
        try {
            TrainingReport.write(reportMaterial.gather(), file);
            out.printf("wrote training report %s%n", file);
        } catch (Exception | LinkageError e) {
            // The bundle is good and written: a report that cannot be drawn (say, a JVM without
            // fonts) is worth a warning, not a failed training run.
            System.err.printf("warning: could not write the training report %s: %s%n", file, e);
        }
    }

    private TrainingResult trainSeries(PrintStream out, TrainingProgress progress) throws Exception {
        if (labels != null || normalClasses != null) {
            throw new IllegalArgumentException("--labels and --normal-classes apply to image models (--model conv2d)");
        }
        TrainerConfig config = new TrainerConfig(name != null ? name : defaultName(data), version,
                window != null ? window : TrainerConfig.DEFAULT_WINDOW, stride,
                trainFraction, validationFraction, orDefault(hidden, TrainerConfig.DEFAULT_HIDDEN),
                or(latent, TrainerConfig.DEFAULT_LATENT), activation, learningRate,
                or(batchSize, TrainerConfig.DEFAULT_BATCH_SIZE), or(epochs, TrainerConfig.DEFAULT_MAX_EPOCHS),
                or(patience, TrainerConfig.DEFAULT_PATIENCE), seed,
                threshold(TrainerConfig.DEFAULT_THRESHOLD_QUANTILE, TrainerConfig.DEFAULT_THRESHOLD_SCALE),
                Denoising.parse(denoise), seriesModel(), objective());
        List<String> periods = AlarmSpec.parseSeasonalPeriods(seasonalPeriods, "--seasonal-periods");
        List<SensorSeries> series = readSensorSeries(out);
        NormalizationScope scope = NormalizationScope.parse(normalization);
        ResampleSpec grid = ScoreCommand.resampling(resample, gapPolicy, maxGapSteps);
        if (grid != null) {
            out.printf("resampling onto a grid: %s%n", grid.describe());
        }
        TimeSeriesTrainer trainer = new TimeSeriesTrainer(config, progress).withResampling(grid)
                .withSeasonalPeriods(periods);
        if (window == null) {
            trainer = trainer.withWindowFitted();
        }
        TrainingResult result = trainer.train(series, scope, this.out);
        if (series.size() == 1) {
            TimeSeries only = series.get(0).series();
            reportMaterial = () -> ReportMaterial.forTimeSeries(result.bundle(), only, result.validationErrors());
        } else if (!noReport) {
            out.printf("no training report: it covers one series, this model was fitted on %d%n", series.size());
        }
        return result;
    }

    /** Every {@code --data} CSV with its sensor id ({@code --sensor-ids}, or the file's name). */
    private List<SensorSeries> readSensorSeries(PrintStream out) throws Exception {
        if (sensorIds != null && sensorIds.size() != dataFiles.size()) {
            throw new IllegalArgumentException("invalid --sensor-ids: " + String.join(",", sensorIds) + " names "
                    + sensorIds.size() + " sensors for " + dataFiles.size() + " --data files; give one id per file,"
                    + " in the same order");
        }
        List<SensorSeries> series = new ArrayList<>();
        for (int i = 0; i < dataFiles.size(); i++) {
            Path file = dataFiles.get(i);
            TimeSeries rows = TimeSeriesCsv.read(file);
            String sensorId = sensorIds != null ? sensorIds.get(i).trim()
                    : SensorSeries.idOfFile(file.getFileName().toString());
            out.printf("read %d rows x %d channels %s from %s%s%n", rows.size(), rows.channels().size(),
                    rows.channels(), file, dataFiles.size() > 1 || sensorIds != null ? " (sensor " + sensorId + ")" : "");
            series.add(new SensorSeries(sensorId, rows));
        }
        return series;
    }

    private TrainingResult trainImages(PrintStream out, TrainingProgress progress) throws Exception {
        if (dataFiles.size() > 1 || sensorIds != null
                || NormalizationScope.parse(normalization) != NormalizationScope.SHARED) {
            throw new IllegalArgumentException("several --data, --sensor-ids and --normalization apply to"
                    + " time-series models; image models train on one --data");
        }
        if (resample != null || gapPolicy != null || maxGapSteps != null) {
            throw new IllegalArgumentException("--resample, --gap-policy and --max-gap-steps apply to time-series models");
        }
        if (!AlarmSpec.parseSeasonalPeriods(seasonalPeriods, "--seasonal-periods").isEmpty()) {
            throw new IllegalArgumentException("--seasonal-periods applies to time-series models (their alarm)");
        }
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
                .optModel(kind)
                .optVariant(variant != null ? variant.toLowerCase(Locale.ROOT) : ConvNetworkSpec.TYPE)
                .optHiddenSizes(orDefault(hidden, ImageTrainerConfig.DEFAULT_DENSE_HIDDEN))
                .optLatentSize(or(latent, ImageTrainerConfig.DEFAULT_LATENT))
                .optObjective(objective())
                .optFilters(filters)
                .optDecoder(decoder)
                .optBottleneck(or(bottleneck, ImageTrainerConfig.DEFAULT_BOTTLENECK))
                .optActivation(activation)
                .optNormalClasses(normalClasses == null ? List.of() : normalClasses)
                .optValidationFraction(validationFraction)
                .optOptimisation(learningRate, or(batchSize, ImageTrainerConfig.DEFAULT_BATCH_SIZE),
                        or(epochs, ImageTrainerConfig.DEFAULT_MAX_EPOCHS), or(patience, ImageTrainerConfig.DEFAULT_PATIENCE))
                .optSeed(seed)
                .optThreshold(threshold(ImageTrainerConfig.DEFAULT_THRESHOLD_QUANTILE, 1.0))
                .optDenoising(Denoising.parse(denoise))
                .build();
        TrainingResult result = new ImageTrainer(config, progress).train(images, labels, this.out);
        ImageSet trained = images;
        reportMaterial = () -> ReportMaterial.forImages(result.bundle(), trained, result.validationErrors());
        return result;
    }

    /** The time-series model kind with its own options; sizes shared by kinds go into the config directly. */
    private SeriesModel seriesModel() {
        return switch (kind) {
            case SeriesModel.CONV1D -> SeriesModel.conv1d(filters, kernel, downsample.toLowerCase(Locale.ROOT),
                    or(bottleneck, SeriesModel.DEFAULT_BOTTLENECK));
            case SeriesModel.LSTM -> SeriesModel.lstm(layers);
            case SeriesModel.VAE, SeriesModel.AAE -> {
                if (variant != null && !variant.equalsIgnoreCase(DenseNetworkSpec.TYPE)) {
                    throw new IllegalArgumentException("invalid --variant: '" + variant + "' for time series (" + data
                            + " is a CSV): vae and aae train a dense network on windows; conv takes images");
                }
                yield SeriesModel.latent(kind);
            }
            default -> SeriesModel.dense();
        };
    }

    /** Whether {@code --data} holds images (an IDX file or a PNG folder) rather than a CSV series. */
    private boolean imageData() {
        return Files.isDirectory(data) || !data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** The loss and the kind-specific objective options; options of another kind are refused, not ignored. */
    private ObjectiveSettings objective() {
        boolean vae = kind.equals(SeriesModel.VAE) || kind.equals(ConditionalVariationalAutoencoderSpec.KIND);
        boolean aae = kind.equals(SeriesModel.AAE);
        if (!vae && (beta != null || klAnnealEpochs != null)) {
            throw new IllegalArgumentException("--beta and --kl-anneal-epochs apply to --model vae, not to " + kind);
        }
        if (!aae && discriminatorHidden != null) {
            throw new IllegalArgumentException("--discriminator-hidden applies to --model aae, not to " + kind);
        }
        if (!vae && !aae && variant != null) {
            throw new IllegalArgumentException("--variant applies to --model vae, aae and cvae, not to " + kind);
        }
        ObjectiveSettings settings = ObjectiveSettings.DEFAULT.withLoss(loss);
        if (beta != null) {
            settings = settings.withBeta(beta);
        }
        if (klAnnealEpochs != null) {
            settings = settings.withKlAnnealEpochs(klAnnealEpochs);
        }
        if (score != null) {
            settings = settings.withScore(score);
        }
        if (discriminatorHidden != null) {
            settings = settings.withDiscriminatorHidden(discriminatorHidden);
        }
        return settings;
    }

    private ThresholdSettings threshold(double defaultQuantile, double defaultScale) {
        return new ThresholdSettings(thresholdMethod.toLowerCase(Locale.ROOT),
                thresholdQuantile != null ? thresholdQuantile : defaultQuantile,
                thresholdScale != null ? thresholdScale : defaultScale, thresholdSigmas, potRisk, potLevel);
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    private static <T> T orDefault(T value, T fallback) {
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
