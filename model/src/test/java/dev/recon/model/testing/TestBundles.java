package dev.recon.model.testing;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.recon.model.arch.ConvAutoencoderSpec;
import dev.recon.model.arch.DenseAutoencoderSpec;
import dev.recon.model.arch.LatentEncoder;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.InputSpec;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.NormalizationSpec;
import dev.recon.model.bundle.ScoreSpec;
import dev.recon.model.scoring.LatentReferences;
import dev.recon.model.threshold.Threshold;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Tiny, untrained but fully valid model bundles for tests. */
public final class TestBundles {

    private TestBundles() {}

    /** A manifest for a dense AE over {@code channels} with the given window. */
    public static BundleManifest denseManifest(List<String> channels, int window, int stride, double threshold) {
        int width = window * channels.size();
        double[] mean = new double[channels.size()];
        double[] std = new double[channels.size()];
        java.util.Arrays.fill(std, 1.0);
        return new BundleManifest(
                ModelBundle.FORMAT_VERSION, "test-model", "1", "2026-01-01T00:00:00Z",
                new DenseAutoencoderSpec(width, List.of(8), 4, "relu"),
                InputSpec.timeSeries(channels, window, stride),
                new NormalizationSpec(NormalizationSpec.ZSCORE, mean, std),
                new ScoreSpec(ScoreSpec.MSE),
                new Threshold(threshold, "manual", Map.of(), "test", null),
                null, null, Map.of());
    }

    /** A manifest for a small conv2d AE over grayscale images of {@code height x width}. */
    public static BundleManifest convManifest(int height, int width, String decoder, double threshold) {
        return new BundleManifest(
                ModelBundle.FORMAT_VERSION, "test-images", "1", "2026-01-01T00:00:00Z",
                new ConvAutoencoderSpec(1, height, width, List.of(4, 8), decoder, 0, "relu", ConvAutoencoderSpec.SIGMOID),
                InputSpec.image(List.of("gray"), height, width),
                NormalizationSpec.none(1),
                new ScoreSpec(ScoreSpec.MSE),
                new Threshold(threshold, "manual", Map.of(), "test", null),
                null, null, Map.of());
    }

    /** Writes a conv2d bundle with randomly initialised (seeded) weights and returns its path. */
    public static Path writeConv(Path out, int height, int width, String decoder, double threshold)
            throws IOException {
        return write(out, convManifest(height, width, decoder, threshold));
    }

    /**
     * Writes a conv2d bundle scored by {@code latent-knn:neighbours} with randomly initialised (seeded)
     * weights, whose references are the codes of {@code trainingImages} random (seeded) images.
     */
    public static Path writeConvLatentKnn(Path out, int height, int width, int neighbours, int trainingImages)
            throws IOException {
        BundleManifest conv = convManifest(height, width, "transposed", 1e9);
        BundleManifest manifest = new BundleManifest(conv.formatVersion(), conv.name(), conv.version(),
                conv.createdAt(), conv.architecture(), conv.input(), conv.normalization(),
                ScoreSpec.latentKnn(neighbours), conv.threshold(), null, null, Map.of());
        Engine.getInstance().setRandomSeed(7);
        Block block = manifest.architecture().newBlock();
        Random random = new Random(11);
        float[] images = new float[trainingImages * height * width];
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextFloat();
        }
        try (Model model = Model.newInstance("fixture")) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, height * width));
            LatentEncoder encoder = (LatentEncoder) block;
            float[] codes = encoder.encode(new ParameterStore(model.getNDManager(), false),
                    model.getNDManager().create(images, new Shape(trainingImages, height * width))).toFloatArray();
            ModelBundle.save(out, manifest, block,
                    new LatentReferences(codes, trainingImages, encoder.latentSize()));
        }
        return out;
    }

    /** Writes a bundle for {@code manifest} with randomly initialised (seeded) weights. */
    public static Path write(Path out, BundleManifest manifest) throws IOException {
        Engine.getInstance().setRandomSeed(7);
        Block block = manifest.architecture().newBlock();
        try (Model model = Model.newInstance("fixture")) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, manifest.input().windowSize()));
            ModelBundle.save(out, manifest, block);
        }
        return out;
    }

    /** Writes a bundle with randomly initialised (seeded) weights and returns its path. */
    public static Path writeDense(Path out, List<String> channels, int window, int stride, double threshold)
            throws IOException {
        BundleManifest manifest = denseManifest(channels, window, stride, threshold);
        Engine.getInstance().setRandomSeed(7);
        Block block = manifest.architecture().newBlock();
        try (Model model = Model.newInstance("fixture")) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, manifest.input().windowSize()));
            ModelBundle.save(out, manifest, block);
        }
        return out;
    }
}
