package dev.recon.bench.throughput;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.recon.model.arch.DenseAutoencoderSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.InputSpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.NormalizationSpec;
import dev.recon.model.bundle.ScoreSpec;
import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.threshold.Threshold;
import dev.recon.model.window.ZScoreNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Windows per second through the scoring path of the streaming operator — normalise raw values,
 * one forward pass per batch, per-window error — for a dense AE, at several batch sizes and thread
 * counts (one predictor per thread, as one per Flink subtask), next to the plain-Java reference.
 * Image models: {@link ImageScoringThroughput}.
 */
public final class ScoringThroughput {

    /** Model label of the dense AE rows. */
    public static final String DENSE_MODEL = "dense AE";
    /** Engine label of DJL rows. */
    public static final String DJL = "DJL";
    /** Engine label of the hand-written reference's rows. */
    public static final String PLAIN_JAVA = "plain Java";

    /**
     * One measured configuration.
     *
     * @param model which model ({@link #DENSE_MODEL}, or an image model's label)
     * @param input the input each row scores ({@code window 64 x 1}: steps x channels; {@code image 28 x 28 x 1})
     * @param engine {@code DJL} or {@code plain Java}
     */
    public record Measurement(String model, String input, String engine, int batchSize, int threads,
            double windowsPerSecond) {}

    /** Measurement time per configuration. */
    public record Duration(long warmupMillis, long measureMillis) {}

    private final TimedLoop timing;

    /** A benchmark measuring each configuration for {@code timing}. */
    public ScoringThroughput(Duration timing) {
        this.timing = new TimedLoop(timing);
    }

    /** A dense AE bundle with the default architecture and seeded random weights. */
    public static Path bundle(Path dir, int window, int channels) throws Exception {
        List<String> names = IntStream.range(0, channels).mapToObj(c -> "c" + c).toList();
        int width = window * channels;
        DenseAutoencoderSpec spec = new DenseAutoencoderSpec(width, List.of(32), 8, "relu");
        double[] mean = new double[channels];
        double[] std = new double[channels];
        Arrays.fill(std, 1.0);
        BundleManifest manifest = new BundleManifest(ModelBundle.FORMAT_VERSION, "bench", "1", "2026-01-01T00:00:00Z",
                spec, InputSpec.timeSeries(names, window, 1), new NormalizationSpec(NormalizationSpec.ZSCORE, mean, std),
                new ScoreSpec(ScoreSpec.MSE), new Threshold(1, "manual", Map.of(), "benchmark", null), null, null,
                Map.of());
        Engine.getInstance().setRandomSeed(1);
        Block block = spec.newBlock();
        Path out = dir.resolve("dense-" + window + "x" + channels);
        try (Model model = Model.newInstance("bench")) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, width));
            ModelBundle.save(Files.createDirectories(out), manifest, block);
        }
        return out;
    }

    /** Measures DJL at each batch size (one thread) and at {@code defaultBatch} with two threads, then the reference. */
    public List<Measurement> measure(Path bundle, int[] batchSizes, int defaultBatch) throws Exception {
        List<Measurement> results = new ArrayList<>();
        try (LoadedModel model = ModelBundle.load(bundle).open()) {
            String input = "window " + model.manifest().input().windowLength() + " x "
                    + model.manifest().input().channels().size();
            for (int batch : batchSizes) {
                results.add(new Measurement(DENSE_MODEL, input, DJL, batch, 1, djl(model, batch, 1)));
            }
            results.add(new Measurement(DENSE_MODEL, input, DJL, defaultBatch, 2, djl(model, defaultBatch, 2)));
            for (int threads = 1; threads <= 2; threads++) {
                results.add(new Measurement(DENSE_MODEL, input, PLAIN_JAVA, 1, threads, plain(model, threads)));
            }
        }
        return results;
    }

    private double djl(LoadedModel model, int batch, int threads) throws Exception {
        return TimedLoop.acrossThreads(threads, () -> {
            int width = model.manifest().input().windowSize();
            int channels = model.manifest().input().channels().size();
            int steps = model.manifest().input().windowLength();
            double[][] raw = rawWindows(256, width);
            float[] input = new float[batch * width];
            double[] step = new double[channels];
            ZScoreNormalizer normalizer = model.normalizer();
            try (ReconstructionScorer scorer = new ReconstructionScorer(model)) {
                return timing.windowsPerSecond(() -> {
                    for (int k = 0; k < batch; k++) {
                        double[] w = raw[k % raw.length];
                        for (int t = 0; t < steps; t++) {
                            System.arraycopy(w, t * channels, step, 0, channels);
                            normalizer.normalize(step, input, k * width + t * channels);
                        }
                    }
                    float[] recon = scorer.reconstruct(input, batch);
                    double sink = 0;
                    for (int k = 0; k < batch; k++) {
                        sink += WindowScore.of(input, recon, k * width, steps, channels).score();
                    }
                    return new long[] {batch, Double.doubleToLongBits(sink)};
                });
            }
        });
    }

    private double plain(LoadedModel model, int threads) throws Exception {
        return TimedLoop.acrossThreads(threads, () -> {
            DenseAutoencoderSpec spec = (DenseAutoencoderSpec) model.manifest().architecture();
            PlainJavaDenseAutoencoder net = new PlainJavaDenseAutoencoder(model.djlModel().getBlock(), spec);
            int width = spec.inputSize();
            int channels = model.manifest().input().channels().size();
            int steps = model.manifest().input().windowLength();
            double[][] raw = rawWindows(256, width);
            float[] input = new float[width];
            float[] recon = new float[width];
            double[] step = new double[channels];
            ZScoreNormalizer normalizer = model.normalizer();
            int[] next = {0};
            return timing.windowsPerSecond(() -> {
                double[] w = raw[next[0]++ % raw.length];
                for (int t = 0; t < steps; t++) {
                    System.arraycopy(w, t * channels, step, 0, channels);
                    normalizer.normalize(step, input, t * channels);
                }
                net.reconstruct(input, recon);
                double score = WindowScore.of(input, recon, 0, steps, channels).score();
                return new long[] {1, Double.doubleToLongBits(score)};
            });
        });
    }

    private static double[][] rawWindows(int count, int width) {
        Random random = new Random(5);
        double[][] raw = new double[count][width];
        for (double[] w : raw) {
            for (int i = 0; i < width; i++) {
                w[i] = random.nextGaussian();
            }
        }
        return raw;
    }
}
