package dev.recon.trainer;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
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
import dev.recon.model.threshold.QuantileThresholdCalibrator;
import dev.recon.model.threshold.Threshold;
import dev.recon.model.window.SlidingWindowBuffer;
import dev.recon.model.window.ZScoreNormalizer;
import dev.recon.trainer.data.TimeSeries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains a dense autoencoder on the normal (leading) part of a time series and writes a bundle.
 *
 * <p>Steps: split the fitted rows in time order; fit z-score statistics on the training rows only;
 * train with Adam on every window of the training rows, keeping the parameters of the epoch with
 * the lowest validation loss (early stopping); score the validation windows with those parameters
 * and calibrate the threshold on their errors; write the bundle with its provenance.
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

        DenseAutoencoderSpec spec = new DenseAutoencoderSpec(
                width, config.hiddenSizes(), config.latentSize(), config.activation());
        Engine engine = Engine.getInstance();
        engine.setRandomSeed((int) config.seed());
        long started = System.nanoTime();
        try (Model model = Model.newInstance(config.name())) {
            Block block = spec.newBlock();
            model.setBlock(block);
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(new L2Loss("mse", 1f))
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                            .build())
                    .optDevices(new ai.djl.Device[] {model.getNDManager().getDevice()});
            progress.started(String.format("training %s: %d training and %d validation windows of %d x %d on %s",
                    spec.kind(), trainCount, validationCount, window, channels, model.getNDManager().getDevice()));
            List<EpochMetrics> history = new ArrayList<>();
            int bestEpoch = 0;
            double bestValidation = Double.POSITIVE_INFINITY;
            byte[] bestParameters = null;
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(new Shape(config.batchSize(), width));
                Random shuffle = new Random(config.seed());
                int[] order = new int[trainCount];
                for (int i = 0; i < trainCount; i++) {
                    order[i] = i;
                }
                for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    shuffleInPlace(order, shuffle);
                    double trainLoss = trainEpoch(trainer, train, order, width);
                    double validationLoss = meanError(model, validation, validationCount, width);
                    boolean improved = validationLoss < bestValidation;
                    if (improved) {
                        bestValidation = validationLoss;
                        bestEpoch = epoch;
                        bestParameters = snapshot(block);
                    }
                    EpochMetrics metrics = new EpochMetrics(epoch, trainLoss, validationLoss,
                            (System.nanoTime() - epochStart) / 1e9);
                    history.add(metrics);
                    progress.epoch(metrics, config.maxEpochs(), improved);
                    if (epoch - bestEpoch >= config.patience()) {
                        break;
                    }
                }
            }
            restore(block, model.getNDManager(), bestParameters);
            double seconds = (System.nanoTime() - started) / 1e9;

            double[] validationErrors = errors(model, validation, validationCount, window, channels);
            Threshold threshold = new QuantileThresholdCalibrator(config.thresholdQuantile(), config.thresholdScale())
                    .calibrate(validationErrors, validationCount + " validation windows (rows "
                            + split.trainRows() + " to " + (split.fitRows() - 1) + ")");
            EpochMetrics best = history.get(bestEpoch - 1);
            TrainingSummary summary = new TrainingSummary("adam", config.learningRate(), config.batchSize(),
                    config.maxEpochs(), history.size(), bestEpoch, history.size() < config.maxEpochs(),
                    best.trainLoss(), best.validationLoss(), seconds, history);
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
        float[] reading = new float[channels];
        int offset = 0;
        for (int i = from; i < to; i++) {
            normalizer.normalize(series.rows()[i], reading, 0);
            if (buffer.add(series.timestamps()[i], reading)) {
                buffer.copyWindow(out, offset);
                offset += window * channels;
            }
        }
        return out;
    }

    private double trainEpoch(Trainer trainer, float[] data, int[] order, int width) {
        int batchSize = config.batchSize();
        double sum = 0;
        float[] batch = new float[batchSize * width];
        for (int start = 0; start < order.length; start += batchSize) {
            int n = Math.min(batchSize, order.length - start);
            for (int k = 0; k < n; k++) {
                System.arraycopy(data, order[start + k] * width, batch, k * width, width);
            }
            // Each step's arrays live in their own manager and are freed at once (GPU memory).
            try (NDManager manager = trainer.getManager().newSubManager()) {
                NDArray x = manager.create(n == batchSize ? batch : Arrays.copyOf(batch, n * width), new Shape(n, width));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray prediction = trainer.forward(new NDList(x)).singletonOrThrow();
                    NDArray loss = trainer.getLoss().evaluate(new NDList(x), new NDList(prediction));
                    collector.backward(loss);
                    sum += loss.getFloat() * n;
                }
                step(trainer);
            }
        }
        return sum / order.length;
    }

    private static void step(Trainer trainer) {
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

    private static double meanError(Model model, float[] data, int count, int width) {
        double sum = 0;
        for (double e : errors(model, data, count, width, 1)) {
            sum += e;
        }
        return sum / count;
    }

    /** Window errors with the current parameters, by the same {@link WindowScore} used in serving. */
    private static double[] errors(Model model, float[] data, int count, int steps, int channels) {
        int width = steps * channels;
        double[] errors = new double[count];
        int chunk = 512;
        for (int start = 0; start < count; start += chunk) {
            int n = Math.min(chunk, count - start);
            float[] slice = Arrays.copyOfRange(data, start * width, (start + n) * width);
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDArray x = manager.create(slice, new Shape(n, width));
                float[] recon = model.getBlock()
                        .forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow().toFloatArray();
                for (int k = 0; k < n; k++) {
                    errors[start + k] = WindowScore.of(slice, recon, k * width, steps, channels).score();
                }
            }
        }
        return errors;
    }

    private static byte[] snapshot(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void restore(Block block, NDManager manager, byte[] parameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("cannot restore the best epoch's parameters", e);
        }
    }

    private static void shuffleInPlace(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
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
