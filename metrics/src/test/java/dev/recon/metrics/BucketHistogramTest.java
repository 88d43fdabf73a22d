package dev.recon.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link BucketHistogram}. */
class BucketHistogramTest {

    @Test
    void countsEachValueInTheFirstBucketWhoseBoundIsAtLeastIt() {
        BucketHistogram h = new BucketHistogram(1, 2, 5);
        for (double v : new double[] {0.5, 1, 1.5, 2, 4, 7, Double.NaN}) {
            h.observe(v);
        }
        assertThat(h.cumulativeCounts()).containsExactly(2, 4, 5, 7);
        assertThat(h.getCount()).isEqualTo(7);
        assertThat(h.sum()).isEqualTo(16.0);
        assertThat(h.getStatistics().getQuantile(0.5)).isEqualTo(2.0);
    }

    @Test
    void rejectsBoundsThatDoNotIncrease() {
        assertThatThrownBy(() -> new BucketHistogram(1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing");
        assertThat(BucketHistogram.exponential(1, 2, 4)).containsExactly(1, 2, 4, 8);
    }
}
