package dev.recon.bench.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests for {@link SpikeDetections}: each spike's latency is to the first event whose window contains it. */
class SpikeDetectionsTest {

    @Test
    void theEarliestCoveringEventOfTheSpikesSensorWins() {
        SpikeDetections d = new SpikeDetections();
        d.spike("a", 100_000, 5_000, true);
        // a window that ends just before the spike, and another sensor's window around it, do not count
        assertThat(d.event("a", 36_000, 99_000, 5_010)).isFalse();
        assertThat(d.event("b", 37_000, 100_000, 5_020)).isFalse();
        // later windows that contain it arrive first (say, from another subtask): the earliest append wins
        assertThat(d.event("a", 38_000, 101_000, 5_090)).isTrue();
        assertThat(d.event("a", 37_000, 100_000, 5_040)).isTrue();
        assertThat(d.event("a", 39_000, 102_000, 5_120)).isTrue();
        assertThat(d.injected()).isEqualTo(1);
        assertThat(d.detected()).isEqualTo(1);
        assertThat(d.latencies()).containsExactly(40);
    }

    @Test
    void windowBoundsAreInclusive() {
        SpikeDetections d = new SpikeDetections();
        d.spike("a", 100_000, 1_000, true);
        d.spike("a", 300_000, 2_000, true);
        assertThat(d.event("a", 100_000, 163_000, 1_007)).isTrue(); // the spike is the window's oldest reading
        assertThat(d.event("a", 237_000, 300_000, 2_003)).isTrue(); // ... its newest
        assertThat(d.latencies()).containsExactly(3, 7);
    }

    @Test
    void undetectedAndWarmUpSpikesAreNotInTheDistribution() {
        SpikeDetections d = new SpikeDetections();
        d.spike("a", 50_000, 0, false); // sent during the warm-up
        d.spike("a", 200_000, 9_000, true);
        d.spike("b", 200_000, 9_001, true); // never detected
        // an event over the warm-up spike is a spike event, yet adds no latency
        assertThat(d.event("a", 0, 63_000, 900)).isTrue();
        assertThat(d.event("a", 137_000, 200_000, 9_050)).isTrue();
        assertThat(d.event("c", 137_000, 200_000, 9_060)).isFalse();
        assertThat(d.injected()).isEqualTo(2);
        assertThat(d.detected()).isEqualTo(1);
        assertThat(d.latencies()).containsExactly(50);
    }

    @Test
    void percentilesAreNearestRankAndNaNWithoutValues() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(EndToEndBenchmark.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(EndToEndBenchmark.percentile(sorted, 0.95)).isEqualTo(10);
        assertThat(EndToEndBenchmark.percentile(new double[] {7}, 0.99)).isEqualTo(7);
        assertThat(EndToEndBenchmark.percentile(new double[0], 0.5)).isNaN();
    }
}
