package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.testing.SyntheticSeries;
import dev.recon.model.testing.TestBundles;
import dev.recon.model.window.GapPolicy;
import dev.recon.model.window.GridSeries;
import dev.recon.model.window.ResampleSpec;
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

    @Test
    void scoresAGridPointByPointRestartingTheWindowAfterEachBreak() throws Exception {
        Path dir = TestBundles.writeDense(tmp.resolve("g"), List.of("a", "b"), 4, 2, 1);
        // 10 points a second apart, a 10 s outage, then 6 more: two segments
        int n = 16;
        long[] ts = new long[n];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            ts[i] = 1_700_000_000_000L + 1000L * i + (i >= 10 ? 10_000 : 0) - 300;
            rows[i] = new double[] {Math.sin(i), i * 0.1};
        }
        GridSeries grid = GridSeries.resample(ts, rows, new ResampleSpec(1000, GapPolicy.FILL_FORWARD, 3));
        assertThat(grid.size()).isEqualTo(n);
        assertThat(grid.segmentStarts()).containsExactly(0, 10);
        try (LoadedModel model = ModelBundle.load(dir).open();
                ReconstructionScorer single = new ReconstructionScorer(model)) {
            WindowScore[] scores = new SeriesScorer(model, 3).scoreGrid(grid);
            for (int i = 0; i < n; i++) {
                boolean full = i >= 3 && i < 10 || i >= 13;
                assertThat(scores[i] != null).as("point %d scored", i).isEqualTo(full);
            }
            // the first window after the break holds only points of the second segment
            SlidingWindowBuffer buffer = new SlidingWindowBuffer(4, 2, 1);
            for (int i = 10; i <= 13; i++) {
                buffer.add(grid.timestamps()[i], grid.rows()[i]);
            }
            float[] window = new float[8];
            buffer.copyWindow(model.normalizer(), window, 0);
            assertThat(scores[13].score()).isCloseTo(single.score(window).score(), withinPercentage(1e-4));
            // scoreRows knows no breaks: it scores windows across the outage too
            WindowScore[] plain = new SeriesScorer(model, 3).scoreRows(grid.timestamps(), grid.rows());
            assertThat(plain[9].score()).isCloseTo(scores[9].score(), withinPercentage(1e-4));
            assertThat(plain[11]).isNotNull();
            assertThat(scores[11]).isNull();
        }
    }
}
