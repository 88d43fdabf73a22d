package dev.recon.model.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link GridSeries}. */
class GridSeriesTest {

    private static final long G = 1_700_000_000_000L;

    @Test
    void sortsStablyResamplesAndSplitsIntoSegmentsAtUnfilledGaps() {
        // out of file order; two readings share a timestamp (the second in file order wins)
        long[] ts = {G + 1200, G + 100, G + 1900, G + 1900, G + 2900, G + 9100, G + 9500};
        double[][] rows = {{2}, {1}, {3}, {4}, {5}, {6}, {7}};
        GridSeries grid = GridSeries.resample(ts, rows, new ResampleSpec(1000, GapPolicy.FILL_FORWARD, 3));
        // +1000 [1], +2000 [4], +3000 [5], then 6 empty cells: broken; +10000 [7]
        assertThat(grid.timestamps()).containsExactly(G + 1000, G + 2000, G + 3000, G + 10_000);
        assertThat(grid.rows()).isDeepEqualTo(new double[][] {{1}, {4}, {5}, {7}});
        assertThat(grid.segmentStarts()).containsExactly(0, 3);
        assertThat(grid.breaks()).isOne();
        assertThat(grid.startsSegment(3)).isTrue();
        assertThat(grid.startsSegment(2)).isFalse();
        assertThat(grid.filledPoints()).isZero();
    }

    @Test
    void countsFilledAndInterpolatedPoints() {
        long[] ts = {G, G + 4000, G + 5000};
        double[][] rows = {{0}, {4}, {5}};
        GridSeries filled = GridSeries.resample(ts, rows, new ResampleSpec(1000, GapPolicy.FILL_FORWARD, 5));
        assertThat(filled.filledPoints()).isEqualTo(3);
        assertThat(filled.interpolatedPoints()).isZero();
        GridSeries interpolated = GridSeries.resample(ts, rows, new ResampleSpec(1000, GapPolicy.INTERPOLATE, 5));
        assertThat(interpolated.interpolatedPoints()).isEqualTo(3);
        assertThat(interpolated.rows()).isDeepEqualTo(new double[][] {{0}, {1}, {2}, {3}, {4}, {5}});
        assertThat(interpolated.segmentStarts()).containsExactly(0);
    }

    @Test
    void anEmptySeriesIsAnEmptyGridAndRaggedRowsAreRefused() {
        GridSeries empty = GridSeries.resample(new long[0], new double[0][], new ResampleSpec(10, GapPolicy.BREAK, 0));
        assertThat(empty.size()).isZero();
        assertThat(empty.breaks()).isZero();
        assertThatThrownBy(() -> GridSeries.resample(new long[] {1, 2}, new double[][] {{1}, {1, 2}},
                new ResampleSpec(10, GapPolicy.BREAK, 0))).hasMessage("row 1 has 2 values, row 0 has 1");
    }
}
