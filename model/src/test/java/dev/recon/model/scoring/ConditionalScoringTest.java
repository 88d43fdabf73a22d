package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.recon.model.arch.ConditionalVariationalAutoencoderSpec;
import dev.recon.model.arch.Conditions;
import dev.recon.model.arch.ConvAutoencoderSpec;
import dev.recon.model.arch.ConvNetworkSpec;
import dev.recon.model.arch.DenseNetworkSpec;
import dev.recon.model.arch.NetworkSpec;
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

/** Tests for scoring a conditional model ({@code cvae}) with {@link ReconstructionScorer}. */
class ConditionalScoringTest {

    private static final int SIDE = 4;
    private static final int PIXELS = SIDE * SIDE;
    private static final Conditions CONDITIONS = Conditions.ofLabels(List.of(2, 5, 9));
    private static final ConditionalVariationalAutoencoderSpec DENSE = new ConditionalVariationalAutoencoderSpec(
            new DenseNetworkSpec(PIXELS, List.of(8), "relu", NetworkSpec.SIGMOID), 3, CONDITIONS);
    private static final ConditionalVariationalAutoencoderSpec CONV = new ConditionalVariationalAutoencoderSpec(
            new ConvNetworkSpec(1, SIDE, SIDE, List.of(2), ConvAutoencoderSpec.UPSAMPLE, "relu", NetworkSpec.SIGMOID),
            2, CONDITIONS);

    @TempDir
    Path tmp;

    private static BundleManifest manifest(ConditionalVariationalAutoencoderSpec spec, ScoreSpec score) {
        return new BundleManifest(ModelBundle.FORMAT_VERSION, "cvae-test", "1", "2026-01-01T00:00:00Z", spec,
                InputSpec.image(List.of("gray"), SIDE, SIDE), NormalizationSpec.none(1), score,
                new Threshold(1.0, "manual", Map.of(), "test", null), null, null, Map.of());
    }

    private static float[] images(int count, long seed) {
        Random random = new Random(seed);
        float[] data = new float[count * PIXELS];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        return data;
    }

    private static double[] scores(ReconstructionScorer scorer, float[] data, int[] conditions, int count) {
        return Arrays.stream(scorer.score(data, conditions, count)).mapToDouble(WindowScore::score).toArray();
    }

    @Test
    void everyScoreFunctionGivesIdenticalScoresAfterASaveLoadRoundTrip() throws Exception {
        float[] data = images(6, 1);
        int[] conditions = {0, 1, 2, 2, 1, 0};
        for (ConditionalVariationalAutoencoderSpec spec : List.of(DENSE, CONV)) {
            for (ScoreSpec score : List.of(new ScoreSpec(ScoreSpec.RECON_MEAN), ScoreSpec.reconSamples(5, 42),
                    ScoreSpec.elbo(0.5))) {
                Engine.getInstance().setRandomSeed(5);
                Block block = spec.newBlock();
                double[] before;
                Path dir = tmp.resolve(spec.network().type() + "-" + score.function());
                BundleManifest manifest = manifest(spec, score);
                try (Model model = Model.newInstance("cvae-test")) {
                    model.setBlock(block);
                    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, PIXELS), new Shape(1));
                    try (var scorer = new ReconstructionScorer(model, manifest.input(), score)) {
                        before = scores(scorer, data, conditions, 6);
                    }
                    ModelBundle.save(dir, manifest, block);
                }
                try (LoadedModel loaded = ModelBundle.load(dir).open(); var scorer = new ReconstructionScorer(loaded)) {
                    assertThat(loaded.conditions()).isEqualTo(CONDITIONS);
                    assertThat(scorer.conditional()).isTrue();
                    assertThat(scores(scorer, data, conditions, 6)).as("%s %s", spec.network().type(), score)
                            .containsExactly(before);
                }
            }
        }
    }

    @Test
    void theConditionChangesTheReconstructionAndAnExampleScoresAloneAsInABatch() throws Exception {
        Path dir = TestBundles.write(tmp.resolve("b"), manifest(DENSE, ScoreSpec.reconSamples(4, 7)));
        float[] data = images(3, 2);
        try (LoadedModel loaded = ModelBundle.load(dir).open(); var scorer = new ReconstructionScorer(loaded)) {
            float[] first = scorer.reconstruct(data, new int[] {0, 0, 0}, 3);
            float[] other = scorer.reconstruct(data, new int[] {1, 2, 1}, 3);
            assertThat(other).isNotEqualTo(first);
            double[] batch = scores(scorer, data, new int[] {1, 2, 1}, 3);
            double[] alone = scores(scorer, Arrays.copyOfRange(data, PIXELS, 2 * PIXELS), new int[] {2}, 1);
            assertThat(alone[0]).isCloseTo(batch[1], within(1e-6 * batch[1]));
        }
    }

    @Test
    void aConditionalModelScoredWithoutConditionsOrWithBadOnesFailsSayingWhy() throws Exception {
        Path dir = TestBundles.write(tmp.resolve("b"), manifest(DENSE, new ScoreSpec(ScoreSpec.RECON_MEAN)));
        float[] data = images(2, 3);
        try (LoadedModel loaded = ModelBundle.load(dir).open(); var scorer = new ReconstructionScorer(loaded)) {
            assertThatThrownBy(() -> scorer.score(data, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("model 'cvae-test' is a conditional model (cvae)")
                    .hasMessageContaining("one of 3 (labels [2, 5, 9])")
                    .hasMessageContaining("--labels");
            assertThatThrownBy(() -> scorer.scoreBatch(data, new int[] {0, 3}, 2))
                    .hasMessageContaining("condition 3 of example 1 is outside [0, 3)");
            assertThatThrownBy(() -> scorer.score(data, new int[] {0}, 2))
                    .hasMessageContaining("a condition for each of 2 examples, got 1");
        }
        Path plain = TestBundles.writeConv(tmp.resolve("conv"), 8, 8, "transposed", 1.0);
        try (LoadedModel loaded = ModelBundle.load(plain).open(); var scorer = new ReconstructionScorer(loaded)) {
            assertThat(scorer.conditional()).isFalse();
            assertThat(loaded.conditions()).isNull();
            assertThatThrownBy(() -> scorer.score(new float[64], new int[] {0}, 1))
                    .hasMessageContaining("is not conditional, but conditions were given");
        }
    }
}
