package dev.recon.bench.throughput;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.recon.bench.throughput.ScoringThroughput.Measurement;
import dev.recon.model.arch.ArchitectureSpec;
import dev.recon.model.arch.ConvAutoencoderSpec;
import dev.recon.model.arch.ConvNetworkSpec;
import dev.recon.model.arch.NetworkSpec;
import dev.recon.model.arch.VariationalAutoencoderSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.InputSpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.NormalizationSpec;
import dev.recon.model.bundle.ScoreSpec;
import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.threshold.Threshold;
import dev.recon.trainer.ImageTrainerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Images per second through the image job's scoring path — images already scaled to [0, 1] are
 * copied into the micro-batch and scored with {@link ReconstructionScorer#scoreBatch}, as
 * {@code ImageScorer} does — for the conv AE (both decoders) and the conv VAE, at several batch
 * sizes and thread counts (one predictor per thread, as one per Flink subtask), next to the
 * plain-Java reference ({@link PlainJavaConvAutoencoder}, one image at a time).
 *
 * <pre>{@code
 * ImageScoringThroughput bench = new ImageScoringThroughput(new ScoringThroughput.Duration(500, 2000));
 * for (ArchitectureSpec spec : ImageScoringThroughput.defaultModels(1, 28, 28)) {
 *     results.addAll(bench.measure(ImageScoringThroughput.bundle(dir, spec), new int[] {1, 8, 64}, 2));
 * }
 * }</pre>
 */
public final class ImageScoringThroughput {

    private final TimedLoop timing;

    /** A benchmark measuring each configuration for {@code timing}. */
    public ImageScoringThroughput(ScoringThroughput.Duration timing) {
        this.timing = new TimedLoop(timing);
    }

    /**
     * The image models with the trainer's default sizes ({@link ConvAutoencoderSpec#DEFAULT_FILTERS},
     * {@link ImageTrainerConfig#DEFAULT_BOTTLENECK}, {@link ImageTrainerConfig#DEFAULT_LATENT}): the conv AE
     * with the transposed and with the upsampling decoder, and the conv VAE (transposed decoder).
     */
    public static List<ArchitectureSpec> defaultModels(int channels, int height, int width) {
        List<Integer> filters = ConvAutoencoderSpec.DEFAULT_FILTERS;
        int bottleneck = ImageTrainerConfig.DEFAULT_BOTTLENECK;
        return List.of(
                new ConvAutoencoderSpec(channels, height, width, filters, ConvAutoencoderSpec.TRANSPOSED, bottleneck,
                        "relu", ConvAutoencoderSpec.SIGMOID),
                new ConvAutoencoderSpec(channels, height, width, filters, ConvAutoencoderSpec.UPSAMPLE, bottleneck,
                        "relu", ConvAutoencoderSpec.SIGMOID),
                new VariationalAutoencoderSpec(new ConvNetworkSpec(channels, height, width, filters,
                        ConvAutoencoderSpec.TRANSPOSED, "relu", NetworkSpec.SIGMOID), ImageTrainerConfig.DEFAULT_LATENT));
    }

    /** The label of {@code spec}'s rows: kind, decoder and code size. */
    public static String modelName(ArchitectureSpec spec) {
        if (spec instanceof ConvAutoencoderSpec conv) {
            return "conv AE " + conv.filters() + ", " + conv.decoder() + " decoder, bottleneck " + conv.bottleneck();
        }
        if (spec instanceof VariationalAutoencoderSpec vae && vae.network() instanceof ConvNetworkSpec net) {
            return "conv VAE " + net.filters() + ", " + net.decoder() + " decoder, latent " + vae.latentSize();
        }
        throw new IllegalArgumentException("not an image model this benchmark measures: " + spec);
    }

    /** A bundle of {@code spec} (an image model of {@link #defaultModels}' kinds) with seeded random weights. */
    public static Path bundle(Path dir, ArchitectureSpec spec) throws Exception {
        List<Integer> shape = imageShape(spec);
        List<String> channels = switch (shape.get(0)) {
            case 1 -> List.of("gray");
            case 3 -> List.of("red", "green", "blue");
            default -> IntStream.range(0, shape.get(0)).mapToObj(c -> "c" + c).toList();
        };
        BundleManifest manifest = new BundleManifest(ModelBundle.FORMAT_VERSION, "bench-" + spec.kind(), "1",
                "2026-01-01T00:00:00Z", spec, InputSpec.image(channels, shape.get(1), shape.get(2)),
                NormalizationSpec.none(channels.size()), ScoreSpec.mse(),
                new Threshold(1, "manual", Map.of(), "benchmark", null), null, null, Map.of());
        Engine.getInstance().setRandomSeed(1);
        Block block = spec.newBlock();
        Path out = dir.resolve(modelName(spec).replaceAll("[^A-Za-z0-9]+", "-"));
        try (Model model = Model.newInstance("bench")) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, spec.inputSize()));
            ModelBundle.save(Files.createDirectories(out), manifest, block);
        }
        return out;
    }

    private static List<Integer> imageShape(ArchitectureSpec spec) {
        modelName(spec); // rejects anything else
        return spec instanceof ConvAutoencoderSpec conv ? List.of(conv.channels(), conv.height(), conv.width())
                : ((VariationalAutoencoderSpec) spec).network().imageShape();
    }

    /**
     * Measures DJL at each batch size with 1 to {@code maxThreads} threads, then the plain-Java
     * reference with 1 to {@code maxThreads} threads.
     */
    public List<Measurement> measure(Path bundle, int[] batchSizes, int maxThreads) throws Exception {
        List<Measurement> results = new ArrayList<>();
        try (LoadedModel model = ModelBundle.load(bundle).open()) {
            ArchitectureSpec spec = model.manifest().architecture();
            String name = modelName(spec);
            List<Integer> shape = model.manifest().input().shape();
            String input = "image " + shape.get(1) + " x " + shape.get(2) + " x " + shape.get(0);
            for (int threads = 1; threads <= maxThreads; threads++) {
                for (int batch : batchSizes) {
                    results.add(new Measurement(name, input, ScoringThroughput.DJL, batch, threads,
                            djl(model, batch, threads)));
                }
            }
            for (int threads = 1; threads <= maxThreads; threads++) {
                results.add(new Measurement(name, input, ScoringThroughput.PLAIN_JAVA, 1, threads,
                        plain(model, threads)));
            }
        }
        return results;
    }

    private double djl(LoadedModel model, int batch, int threads) throws Exception {
        return TimedLoop.acrossThreads(threads, () -> {
            int width = model.manifest().input().windowSize();
            float[][] images = images(256, width);
            float[] input = new float[batch * width];
            try (ReconstructionScorer scorer = new ReconstructionScorer(model)) {
                return timing.windowsPerSecond(() -> {
                    for (int k = 0; k < batch; k++) {
                        System.arraycopy(images[k % images.length], 0, input, k * width, width);
                    }
                    WindowScore[] scores = scorer.scoreBatch(input, batch).scores();
                    double sink = 0;
                    for (WindowScore s : scores) {
                        sink += s.score();
                    }
                    return new long[] {batch, Double.doubleToLongBits(sink)};
                });
            }
        });
    }

    private double plain(LoadedModel model, int threads) throws Exception {
        return TimedLoop.acrossThreads(threads, () -> {
            PlainJavaConvAutoencoder net = new PlainJavaConvAutoencoder(model.djlModel().getBlock(),
                    model.manifest().architecture());
            InputSpec spec = model.manifest().input();
            int width = spec.windowSize();
            int channels = spec.channels().size();
            float[][] images = images(256, width);
            float[] input = new float[width];
            float[] recon = new float[width];
            int[] next = {0};
            return timing.windowsPerSecond(() -> {
                System.arraycopy(images[next[0]++ % images.length], 0, input, 0, width);
                net.reconstruct(input, recon);
                double score = WindowScore.ofImage(input, recon, 0, channels, spec.windowLength()).score();
                return new long[] {1, Double.doubleToLongBits(score)};
            });
        });
    }

    /** Random 8-bit images scaled to [0, 1], as the image parser hands them to the scorer. */
    private static float[][] images(int count, int width) {
        Random random = new Random(5);
        float[][] images = new float[count][width];
        for (float[] image : images) {
            for (int i = 0; i < width; i++) {
                image[i] = random.nextInt(256) / 255f;
            }
        }
        return images;
    }
}
