package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.testing.SyntheticSeries;
import dev.recon.model.testing.TestBundles;
import dev.recon.model.window.SlidingWindowBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link SeriesScorer}. */
class SeriesScorerTest {

    @TempDir
    Path tmp;

    @Test
    void scoresEachRowWithTheWindowEndingThereAndNothingBeforeTheFirstFullWindow() throws Exception {
        Path dir = TestBundles.writeDense(tmp.resolve("b"), List.of("v"), 8, 4, 1);
        double[] values = SyntheticSeries.sine(50, 20, 1);
        double[][] rows = new double[50][];
        long[] ts = new long[50];
        for (int i = 0; i < 50; i++) {
            rows[i] = new double[] {values[i]};
            ts[i] = 1000L * i;
        }
        try (LoadedModel model = ModelBundle.load(dir).open();
                ReconstructionScorer single = new ReconstructionScorer(model)) {
            // a batch size that does not divide the window count exercises the final partial batch
            WindowScore[] scores = new SeriesScorer(model, 16).scoreRows(ts, rows);
            assertThat(scores).hasSize(50);
            for (int i = 0; i < 7; i++) {
                assertThat(scores[i]).as("row %d", i).isNull();
            }
            // recompute row 30 by hand: window of rows 23..30, regardless of the model's stride of 4
            SlidingWindowBuffer buffer = new SlidingWindowBuffer(8, 1, 1);
            for (int i = 0; i <= 30; i++) {
                buffer.add(ts[i], rows[i]);
            }
            float[] window = new float[8];
            buffer.copyWindow(model.normalizer(), window, 0);
            assertThat(scores[30].score()).isCloseTo(single.score(window).score(), withinPercentage(1e-4));
            for (int i = 7; i < 50; i++) {
                assertThat(scores[i]).as("row %d", i).isNotNull();
            }
        }
    }
}
