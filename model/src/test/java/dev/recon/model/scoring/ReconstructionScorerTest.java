package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.testing.TestBundles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ReconstructionScorer}. */
class ReconstructionScorerTest {

    @TempDir
    Path tmp;

    @Test
    void batchedScoresEqualOneAtATimeScoresAndTheErrorOfTheReconstruction() throws Exception {
        Path dir = TestBundles.writeDense(tmp.resolve("b"), List.of("x", "y"), 5, 1, 1);
        try (LoadedModel model = ModelBundle.load(dir).open();
                ReconstructionScorer scorer = new ReconstructionScorer(model)) {
            assertThat(scorer.windowSize()).isEqualTo(10);
            Random random = new Random(3);
            float[] batch = new float[7 * 10 + 4]; // longer than needed, as reused buffers are
            for (int i = 0; i < batch.length; i++) {
                batch[i] = (float) random.nextGaussian();
            }
            WindowScore[] scores = scorer.score(batch, 7);
            float[] recon = scorer.reconstruct(batch, 7);
            assertThat(recon).hasSize(70);
            for (int i = 0; i < 7; i++) {
                // libtorch picks kernels by batch size: agreement is ~1e-7 relative, not bitwise.
                float[] window = Arrays.copyOfRange(batch, i * 10, i * 10 + 10);
                assertThat(scorer.score(window).score()).isCloseTo(scores[i].score(), withinPercentage(1e-4));
                assertThat(scores[i].score())
                        .isEqualTo(WindowScore.of(batch, recon, i * 10, 5, 2).score());
                assertThat(scores[i].channelErrors()).hasSize(2);
                assertThat(scores[i].stepErrors()).hasSize(5);
            }
            assertThatThrownBy(() -> scorer.score(new float[5], 1))
                    .hasMessageContaining("expected 1 windows of 10 values");
        }
    }
}
