package dev.recon.trainer;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.recon.model.arch.DenseAutoencoderSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.FileDigest;
import dev.recon.model.bundle.InputSpec;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.NormalizationSpec;
import dev.recon.model.bundle.Provenance;
import dev.recon.model.bundle.ScoreSpec;
import dev.recon.model.bundle.TrainingSummary;
import dev.recon.model.bundle.TrainingSummary.EpochMetrics;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.threshold.Threshold;
import dev.recon.model.window.SlidingWindowBuffer;
import dev.recon.model.window.ZScoreNormalizer;
import dev.recon.trainer.data.TimeSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Trains a dense autoencoder on the normal (leading) part of a time series and writes a bundle.
 *
 * <p>Steps: split the fitted rows in time order; fit z-score statistics on the training rows only;
 * train with Adam on every window of the training rows (corrupted first when denoising), keeping
 * the parameters of the epoch with the lowest validation loss (early stopping, see
 * {@link FitLoop}); score the validation windows with those parameters and calibrate the threshold
 * on their errors with the configured method; write the bundle with its provenance.
 *
 * <pre>{@code
 * TimeSeries series = TimeSeriesCsv.read(Path.of("machine_temperature.csv"));
 * TrainingResult result = new TimeSeriesTrainer(TrainerConfig.defaults("machine"), TrainingProgress.SILENT)
 *         .train(series, Path.of("models/machine"));
 * }</pre>
 *
 * <p>On CPU, the same data, configuration and seed give the same bundle (the engine must run with
 * one intra-op thread, as every recon JVM does).
 */
public final class TimeSeriesTrainer {

    private final TrainerConfig config;
    private final TrainingProgress progress;

    /** A trainer with the given settings, reporting to {@code progress}. */
    public TimeSeriesTrainer(TrainerConfig config, TrainingProgress progress) {
        this.config = config;
        this.progress = progress;
    }

    /** Trains on {@code series} and writes the bundle to {@code out} (a directory or a .zip). */
    public TrainingResult train(TimeSeries series, Path out) throws IOException {
        int window = config.window();
        DataSplit split = DataSplit.of(series.size(), window, config.trainFraction(), config.validationFraction());
        ZScoreNormalizer normalizer = ZScoreNormalizer.fit(Arrays.copyOf(series.rows(), split.trainRows()));
        int channels = series.channels().size();
        int width = window * channels;
        float[] train = windows(series, normalizer, 0, split.trainRows());
        float[] validation = windows(series, normalizer, split.trainRows(), split.fitRows());
        int trainCount = train.length / width;
        int validationCount = validation.length / width;
        config.threshold().requireEnoughErrors(validationCount, "validation windows");

        DenseAutoencoderSpec spec = new DenseAutoencoderSpec(
                width, config.hiddenSizes(), config.latentSize(), config.activation());
        Engine.getInstance().setRandomSeed((int) config.seed());
        try (Model model = Model.newInstance(config.name())) {
            Block block = spec.newBlock();
            model.setBlock(block);
            progress.started(String.format("training %s%s: %d training and %d validation windows of %d x %d on %s",
                    spec.kind(), config.denoising().enabled() ? " (denoising " + config.denoising() + ")" : "",
                    trainCount, validationCount, window, channels, model.getNDManager().getDevice()));
            FitLoop.ExampleError error = (in, recon, offset) -> WindowScore.of(in, recon, offset, window, channels).score();
            FitLoop.Outcome outcome = FitLoop.fit(model, train, validation, width,
                    new FitLoop.Settings(config.learningRate(), config.batchSize(), config.maxEpochs(),
                            config.patience(), config.seed(), config.denoising()),
                    error, progress);

            double[] validationErrors = FitLoop.errors(model, validation, validationCount, width, error);
            Threshold threshold = config.threshold().calibrator()
                    .calibrate(validationErrors, validationCount + " validation windows (rows "
                            + split.trainRows() + " to " + (split.fitRows() - 1) + ")");
            EpochMetrics best = outcome.best();
            List<EpochMetrics> history = outcome.history();
            TrainingSummary summary = new TrainingSummary("adam", config.learningRate(), config.batchSize(),
                    config.maxEpochs(), history.size(), outcome.bestEpoch(), history.size() < config.maxEpochs(),
                    best.trainLoss(), best.validationLoss(), outcome.seconds(), history);
            BundleManifest manifest = new BundleManifest(
                    ModelBundle.FORMAT_VERSION, config.name(), config.version(), Instant.now().toString(), spec,
                    InputSpec.timeSeries(series.channels(), window, config.stride()),
                    NormalizationSpec.of(normalizer), new ScoreSpec(ScoreSpec.MSE), threshold, summary,
                    provenance(series, split, trainCount, validationCount, model), Map.of());
            ModelBundle.save(out, manifest, block);
            return new TrainingResult(out, manifest, validationErrors);
        }
    }

    /** Every window (stride 1) of rows {@code [from, to)}, normalised, flattened one after another. */
    private float[] windows(TimeSeries series, ZScoreNormalizer normalizer, int from, int to) {
        int channels = series.channels().size();
        int window = config.window();
        SlidingWindowBuffer buffer = new SlidingWindowBuffer(window, channels, 1);
        float[] out = new float[(to - from - window + 1) * window * channels];
        int offset = 0;
        for (int i = from; i < to; i++) {
            if (buffer.add(series.timestamps()[i], series.rows()[i])) {
                buffer.copyWindow(normalizer, out, offset);
                offset += window * channels;
            }
        }
        return out;
    }

    private Provenance provenance(TimeSeries series, DataSplit split, int trainWindows, int validationWindows,
            Model model) throws IOException {
        Path source = Path.of(series.source());
        FileDigest digest = Files.isRegularFile(source) ? FileDigest.of(source) : null;
        Provenance.DataSource data = new Provenance.DataSource(series.source(), digest, series.size(),
                split.fitRows(), split.trainRows(), split.validationRows(), trainWindows, validationWindows,
                Instant.ofEpochMilli(series.timestamps()[0]).toString(),
                Instant.ofEpochMilli(series.timestamps()[split.fitRows() - 1]).toString());
        Engine engine = Engine.getInstance();
        Map<String, Object> settings = ModelBundle.json().convertValue(config, new TypeReference<>() {});
        return new Provenance(data, config.seed(), getClass().getName(), ReconVersion.get(),
                Engine.getDjlVersion(), engine.getEngineName() + " " + engine.getVersion(),
                model.getNDManager().getDevice().toString(), Runtime.version().toString(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                settings);
    }
}
