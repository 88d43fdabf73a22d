package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.recon.model.arch.ConvAutoencoder;
import dev.recon.model.bundle.BundleFormatException;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.ScoreSpec;
import dev.recon.model.testing.TestBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code latent-knn} end to end in the model module: a conv AE's codes, its bundle, the scorer. */
class LatentKnnScoringTest {

    @TempDir
    Path tmp;

    private static final int SIDE = 8;

    private static BundleManifest manifest() {
        BundleManifest conv = TestBundles.convManifest(SIDE, SIDE, "transposed", 1.0);
        return new BundleManifest(conv.formatVersion(), conv.name(), conv.version(), conv.createdAt(),
                conv.architecture(), conv.input(), conv.normalization(), ScoreSpec.latentKnn(3), conv.threshold(),
                conv.training(), conv.provenance(), conv.files());
    }

    private static float[] images(int n, long seed) {
        Random random = new Random(seed);
        float[] v = new float[n * SIDE * SIDE];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat();
        }
        return v;
    }

    /** The codes of {@code n} images, with the block's own encoder. */
    private static float[] encode(Block block, NDManager manager, float[] images, int n) {
        return ((ConvAutoencoder) block).encode(new ParameterStore(manager, false),
                manager.create(images, new Shape(n, SIDE * SIDE))).toFloatArray();
    }

    @Test
    void aBundleCarriesItsTrainingCodesAndScoresByTheirNearestNeighbours() throws Exception {
        BundleManifest manifest = manifest();
        Path out = tmp.resolve("knn");
        float[] training = images(40, 1);
        Engine.getInstance().setRandomSeed(7);
        LatentReferences references;
        try (Model model = Model.newInstance("fixture")) {
            Block block = manifest.architecture().newBlock();
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, SIDE * SIDE));
            ConvAutoencoder conv = (ConvAutoencoder) block;
            // no bottleneck: the code is the encoder's feature map, 8 filters of 2 x 2
            assertThat(conv.latentSize()).isEqualTo(32);
            float[] codes = encode(block, model.getNDManager(), training, 40);
            assertThat(codes).hasSize(40 * 32);
            references = new LatentReferences(codes, 40, 32);
            assertThatThrownBy(() -> ModelBundle.save(tmp.resolve("none"), manifest, block))
                    .hasMessageContaining("needs the training examples' latent codes; none given");
            ModelBundle.save(out, manifest, block, references);
        }

        ModelBundle bundle = ModelBundle.load(out);
        assertThat(bundle.manifest().formatVersion()).isEqualTo(3);
        assertThat(bundle.manifest().files()).containsKey(LatentReferences.FILE);
        float[] test = images(6, 2);
        try (LoadedModel model = bundle.open(); ReconstructionScorer scorer = new ReconstructionScorer(model)) {
            assertThat(model.latentReferences().count()).isEqualTo(40);
            WindowScore[] scores = scorer.score(test, 6);
            float[] codes = encode(model.djlModel().getBlock(), model.djlModel().getNDManager(), test, 6);
            for (int i = 0; i < 6; i++) {
                assertThat(scores[i].score()).as("image %d", i)
                        .isCloseTo(references.score(codes, i * 32, 3), within(1e-6));
            }
            // a training image is among its own references: closer than the unseen ones on average
            WindowScore[] seen = scorer.score(training, 6);
            double seenMean = 0;
            double unseenMean = 0;
            for (int i = 0; i < 6; i++) {
                seenMean += seen[i].score();
                unseenMean += scores[i].score();
            }
            assertThat(seenMean).isLessThan(unseenMean);
            // batch-independent: one image alone scores as in the batch
            float[] one = java.util.Arrays.copyOfRange(test, 2 * SIDE * SIDE, 3 * SIDE * SIDE);
            assertThat(scorer.score(one).score()).isCloseTo(scores[2].score(), within(1e-6));
        }

        // the codes are checksummed like the parameters
        Path codes = out.resolve(LatentReferences.FILE);
        byte[] bytes = Files.readAllBytes(codes);
        bytes[bytes.length - 1] ^= 1;
        Files.write(codes, bytes);
        assertThatThrownBy(() -> ModelBundle.load(out)).isInstanceOf(BundleFormatException.class)
                .hasMessageContaining(LatentReferences.FILE);
    }

    @Test
    void refusesModelsWithoutAReadableCodeAndCodesOfAnotherSize() {
        Block dense = TestBundles.denseManifest(java.util.List.of("v"), 8, 1, 1.0).architecture().newBlock();
        LatentReferences four = new LatentReferences(new float[8], 2, 4);
        // the dense AE has a code of 4 (its latent size): fits
        ReconstructionScorer.requireCompatible(dense, ScoreSpec.latentKnn(2), four, "dense");
        LatentReferences five = new LatentReferences(new float[10], 2, 5);
        assertThatThrownBy(() -> ReconstructionScorer.requireCompatible(dense, ScoreSpec.latentKnn(2), five, "dense"))
                .hasMessageContaining("has codes of 4 values, but its latent references have 5");
        assertThatThrownBy(() -> ReconstructionScorer.requireCompatible(dense, ScoreSpec.latentKnn(2), null, "dense"))
                .hasMessageContaining("needs the training examples' latent codes");
    }
}
