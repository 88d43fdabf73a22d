package dev.recon.cli;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.TrainingSummary.EpochMetrics;
import dev.recon.trainer.TimeSeriesTrainer;
import dev.recon.trainer.TrainerConfig;
import dev.recon.trainer.TrainingProgress;
import dev.recon.trainer.TrainingResult;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon train}: fits a model on the leading, normal part of a CSV and writes a bundle. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train an autoencoder on the first part of a time-series CSV and write a model bundle.",
            "The CSV has a header, a timestamp column and one or more numeric columns (NAB's"
                    + " 'timestamp,value' works as is). The first --train-fraction of the rows is used:"
                    + " its last --validation-fraction for early stopping and threshold calibration."
        },
        sortOptions = false)
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Training data (CSV).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE",
            description = "Where to write the model bundle: a directory, or a path ending in .zip.")
    Path out;

    @Option(names = "--model", defaultValue = "dense", paramLabel = "KIND",
            description = "Model kind. Supported: dense (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--window", defaultValue = "" + TrainerConfig.DEFAULT_WINDOW,
            description = "Readings per window (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--stride", defaultValue = "1",
            description = "Readings between scored windows when streaming (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--train-fraction", defaultValue = "" + TrainerConfig.DEFAULT_TRAIN_FRACTION,
            description = "Leading fraction of the file used to fit, as NAB's probationary period"
                    + " (default: ${DEFAULT-VALUE}).")
    double trainFraction;

    @Option(names = "--validation-fraction", defaultValue = "" + TrainerConfig.DEFAULT_VALIDATION_FRACTION,
            description = "Trailing share of the fitted rows held out for validation (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--hidden", split = ",", paramLabel = "N[,N...]", defaultValue = "32",
            description = "Encoder hidden layer sizes; the decoder mirrors them (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--latent", defaultValue = "" + TrainerConfig.DEFAULT_LATENT,
            description = "Bottleneck size (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--activation", defaultValue = "relu", description = "relu or tanh (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--epochs", defaultValue = "" + TrainerConfig.DEFAULT_MAX_EPOCHS,
            description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--patience", defaultValue = "" + TrainerConfig.DEFAULT_PATIENCE,
            description = "Stop after this many epochs without validation improvement (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--batch-size", defaultValue = "" + TrainerConfig.DEFAULT_BATCH_SIZE,
            description = "Windows per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "" + TrainerConfig.DEFAULT_LEARNING_RATE,
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--threshold-quantile", defaultValue = "" + TrainerConfig.DEFAULT_THRESHOLD_QUANTILE,
            description = "Quantile of the validation errors used as threshold (default: ${DEFAULT-VALUE}).")
    double thresholdQuantile;

    @Option(names = "--threshold-scale", defaultValue = "" + TrainerConfig.DEFAULT_THRESHOLD_SCALE,
            description = "Multiplier applied to that quantile (default: ${DEFAULT-VALUE}).")
    double thresholdScale;

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
        if (!kind.equals("dense")) {
            throw new IllegalArgumentException("invalid --model: '" + kind + "' (supported: dense)");
        }
        TrainerConfig config = new TrainerConfig(name != null ? name : defaultName(data), version, window, stride,
                trainFraction, validationFraction, hidden, latent, activation, learningRate, batchSize, epochs,
                patience, seed, thresholdQuantile, thresholdScale);
        PrintStream out = System.out;
        TimeSeries series = TimeSeriesCsv.read(data);
        out.printf("read %d rows x %d channels %s from %s%n", series.size(), series.channels().size(),
                series.channels(), data);
        TrainingResult result = new TimeSeriesTrainer(config, quiet ? TrainingProgress.SILENT : new ConsoleProgress(out))
                .train(series, out(this.out));
        BundleManifest m = result.manifest();
        out.printf("best epoch %d of %d: train loss %.5f, validation loss %.5f (%.1f s)%n",
                m.training().bestEpoch(), m.training().epochs(), m.training().trainLoss(),
                m.training().validationLoss(), m.training().seconds());
        out.printf("threshold %.6f (%s, %s; validation errors median %.5f, max %.5f)%n",
                m.threshold().value(), m.threshold().method(), m.threshold().parameters(),
                m.threshold().errors().median(), m.threshold().errors().max());
        out.printf("wrote model bundle %s (model %s version %s)%n", result.bundle(), m.name(), m.version());
        return 0;
    }

    private static Path out(Path p) {
        return p;
    }

    static String defaultName(Path data) {
        String file = data.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** Prints one line per epoch. */
    static final class ConsoleProgress implements TrainingProgress {
        private final PrintStream out;

        ConsoleProgress(PrintStream out) {
            this.out = out;
        }

        @Override
        public void started(String description) {
            out.println(description);
        }

        @Override
        public void epoch(EpochMetrics m, int maxEpochs, boolean improved) {
            out.printf("epoch %3d/%d  train loss %.5f  validation loss %.5f%s  %.2f s%n", m.epoch(), maxEpochs,
                    m.trainLoss(), m.validationLoss(), improved ? " *" : "  ", m.seconds());
        }
    }
}
