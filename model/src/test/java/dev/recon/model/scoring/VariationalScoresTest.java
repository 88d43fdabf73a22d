package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.recon.model.arch.ArchitectureSpec;
import dev.recon.model.arch.DenseNetworkSpec;
import dev.recon.model.arch.KlDivergence;
import dev.recon.model.arch.NetworkSpec;
import dev.recon.model.arch.VariationalAutoencoder;
import dev.recon.model.arch.VariationalAutoencoderSpec;
import dev.recon.model.bundle.BundleFormatException;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.InputSpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.NormalizationSpec;
import dev.recon.model.bundle.ScoreSpec;
import dev.recon.model.testing.TestBundles;
import dev.recon.model.threshold.Threshold;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for the variational score functions of {@link ReconstructionScorer}. */
class VariationalScoresTest {

    private static final int WINDOW = 6;
    private static final List<String> CHANNELS = List.of("a", "b");
    private static final int WIDTH = WINDOW * CHANNELS.size();
    private static final VariationalAutoencoderSpec SPEC =
            new VariationalAutoencoderSpec(new DenseNetworkSpec(WIDTH, List.of(8), "tanh", NetworkSpec.NONE), 3);

    @TempDir
    Path tmp;

    private static BundleManifest manifest(ArchitectureSpec spec, ScoreSpec score) {
        return new BundleManifest(ModelBundle.FORMAT_VERSION, "vae-test", "1", "2026-01-01T00:00:00Z", spec,
                InputSpec.timeSeries(CHANNELS, WINDOW, 1),
                new NormalizationSpec(NormalizationSpec.ZSCORE, new double[2], new double[] {1, 1}), score,
                new Threshold(1.0, "manual", Map.of(), "test", null), null, null, Map.of());
    }

    private static float[] windows(int count, long seed) {
        Random random = new Random(seed);
        float[] data = new float[count * WIDTH];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return data;
    }

    private static double[] scores(ReconstructionScorer scorer, float[] data, int count) {
        return Arrays.stream(scorer.score(data, count)).mapToDouble(WindowScore::score).toArray();
    }

    @Test
    void everyScoreFunctionGivesTheSameScoresAfterASaveLoadRoundTrip() throws Exception {
        float[] data = windows(9, 1);
        for (ScoreSpec score : List.of(new ScoreSpec(ScoreSpec.RECON_MEAN), ScoreSpec.reconSamples(7, 42),
                ScoreSpec.elbo(0.5))) {
            Engine.getInstance().setRandomSeed(5);
            Block block = SPEC.newBlock();
            double[] before;
            Path dir = tmp.resolve(score.function());
            try (Model model = Model.newInstance("vae-test")) {
                model.setBlock(block);
                block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, WIDTH));
                try (ReconstructionScorer scorer = new ReconstructionScorer(model, manifest(SPEC, score).input(), score)) {
                    before = scores(scorer, data, 9);
                }
                ModelBundle.save(dir, manifest(SPEC, score), block);
            }
            ModelBundle bundle = ModelBundle.load(dir);
            assertThat(bundle.manifest().score()).isEqualTo(score);
            try (LoadedModel loaded = bundle.open(); ReconstructionScorer scorer = new ReconstructionScorer(loaded)) {
                assertThat(scores(scorer, data, 9)).as(score.function()).containsExactly(before);
                // and again: nothing is drawn at scoring time
                assertThat(scores(scorer, data, 9)).as(score.function()).containsExactly(before);
            }
        }
    }

    @Test
    void elboIsTheReconstructionErrorPlusTheWeightedKlPerValue() throws Exception {
        Path dir = TestBundles.write(tmp.resolve("elbo"), manifest(SPEC, ScoreSpec.elbo(2.0)));
        float[] data = windows(4, 2);
        try (LoadedModel model = ModelBundle.load(dir).open();
                ReconstructionScorer elbo = new ReconstructionScorer(model);
                ReconstructionScorer mean = new ReconstructionScorer(model.djlModel(), model.manifest().input(),
                        new ScoreSpec(ScoreSpec.RECON_MEAN));
                NDManager manager = NDManager.newBaseManager()) {
            NDList out = model.djlModel().getBlock().forward(new ParameterStore(manager, false),
                    new NDList(manager.create(data, new Shape(4, WIDTH))), false);
            float[] mu = out.get(VariationalAutoencoder.MEAN).toFloatArray();
            float[] logVar = out.get(VariationalAutoencoder.LOG_VARIANCE).toFloatArray();
            WindowScore[] elboScores = elbo.score(data, 4);
            WindowScore[] meanScores = mean.score(data, 4);
            for (int i = 0; i < 4; i++) {
                double kl = KlDivergence.of(mu, logVar, i * 3, 3);
                assertThat(kl).isPositive();
                assertThat(elboScores[i].score()).isCloseTo(meanScores[i].score() + 2.0 * kl / WIDTH, within(1e-9));
                // where the error is stays that of the reconstruction
                assertThat(elboScores[i].channelErrors()).containsExactly(meanScores[i].channelErrors());
                assertThat(elboScores[i].stepErrors()).containsExactly(meanScores[i].stepErrors());
            }
        }
    }

    @Test
    void sampledScoresAreSeededAndDoNotDependOnTheBatch() throws Exception {
        Path dir = TestBundles.write(tmp.resolve("samples"), manifest(SPEC, ScoreSpec.reconSamples(20, 11)));
        float[] data = windows(5, 3);
        try (LoadedModel model = ModelBundle.load(dir).open();
                ReconstructionScorer samples = new ReconstructionScorer(model);
                ReconstructionScorer otherSeed = new ReconstructionScorer(model.djlModel(), model.manifest().input(),
                        ScoreSpec.reconSamples(20, 12));
                ReconstructionScorer mean = new ReconstructionScorer(model.djlModel(), model.manifest().input(),
                        new ScoreSpec(ScoreSpec.RECON_MEAN))) {
            double[] batch = scores(samples, data, 5);
            double[] reference = scores(mean, data, 5);
            double[] other = scores(otherSeed, data, 5);
            for (int i = 0; i < 5; i++) {
                float[] window = Arrays.copyOfRange(data, i * WIDTH, (i + 1) * WIDTH);
                assertThat(samples.score(window).score()).isCloseTo(batch[i], withinPercentage(1e-4));
                assertThat(batch[i]).isNotEqualTo(reference[i]).isNotEqualTo(other[i]);
            }
            ReconstructionScorer.ScoredBatch scored = samples.scoreBatch(data, 5);
            assertThat(scored.reconstruction()).containsExactly(samples.reconstruct(data, 5));
            assertThat(scored.scores()[0].score()).isEqualTo(batch[0]);
        }
    }

    @Test
    void aVariationalScoreOnANonVariationalModelIsRefusedWhenTheBundleOpens() throws Exception {
        BundleManifest dense = TestBundles.denseManifest(CHANNELS, WINDOW, 1, 1.0);
        BundleManifest withElbo = new BundleManifest(dense.formatVersion(), dense.name(), dense.version(),
                dense.createdAt(), dense.architecture(), dense.input(), dense.normalization(), ScoreSpec.elbo(1),
                dense.threshold(), null, null, Map.of());
        Path dir = TestBundles.write(tmp.resolve("dense"), withElbo);
        assertThatThrownBy(() -> ModelBundle.load(dir).open())
                .isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("score function 'elbo' needs a variational model (kind vae)");
    }
}
