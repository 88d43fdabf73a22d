package dev.recon.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link MemoryFlatness}: slopes on hand-made series, and the verdict. */
class MemoryFlatnessTest {

    private static final long MIB = 1024 * 1024;
    private static final MemoryFlatness.Tolerance TOLERANCE = new MemoryFlatness.Tolerance(1, 4);

    @Test
    void theSlopeIsTheLeastSquaresLine() {
        // y = 3x + 2 exactly; then a step, fitted by hand: x = 0, 1, 2, 3 and y = 1, 1, 5, 5 give
        // mx = 1.5, my = 3, sxy = 3 + 1 + 1 + 3 = 8, sxx = 2.25 + 0.25 + 0.25 + 2.25 = 5, slope 1.6
        assertThat(MemoryFlatness.slope(new double[] {0, 1, 2, 3}, new double[] {2, 5, 8, 11})).isEqualTo(3.0);
        assertThat(MemoryFlatness.slope(new double[] {0, 1, 2, 3}, new double[] {1, 1, 5, 5})).isCloseTo(1.6, within(1e-12));
        assertThatThrownBy(() -> MemoryFlatness.slope(new double[] {1, 1}, new double[] {1, 2}))
                .hasMessageContaining("two or more different times");
    }

    @Test
    void leavesOutTheWarmUpAndReportsFirstLastMaxAndSlopePerMinute() {
        List<MemorySample> samples = new ArrayList<>();
        // warm-up: the heap climbs steeply for a minute, then a leak of 2 MiB per minute (1 MiB per 30 s)
        samples.add(new MemorySample(0, 10 * MIB, 512 * MIB, 50 * MIB, 0, 300 * MIB));
        samples.add(new MemorySample(30, 80 * MIB, 512 * MIB, 60 * MIB, 0, 500 * MIB));
        for (int k = 0; k <= 4; k++) {
            samples.add(new MemorySample(60 + 30 * k, (100 + k) * MIB, 512 * MIB, 70 * MIB, MIB, 600 * MIB));
        }
        MemoryFlatness f = MemoryFlatness.of(samples, 60, TOLERANCE);

        assertThat(f.samples()).isEqualTo(5);
        assertThat(f.heap().first()).isEqualTo(100 * MIB);
        assertThat(f.heap().last()).isEqualTo(104 * MIB);
        assertThat(f.heap().max()).isEqualTo(104 * MIB);
        assertThat(f.heap().slopePerMinute() / MIB).isCloseTo(2.0, within(1e-9));
        assertThat(f.heapCommitted().first()).isEqualTo(512 * MIB);
        assertThat(f.nonHeap().slopePerMinute()).isZero();
        assertThat(f.direct().first()).isEqualTo(MIB);
        assertThat(f.resident().slopePerMinute()).isZero();
        assertThat(f.flat()).isFalse();
        assertThat(f.verdict()).startsWith("**Growing**").contains("heap +2.00 MiB/min (tolerance 1.0)",
                "resident set +0.00 MiB/min (tolerance 4.0)");
    }

    @Test
    void noiseAroundAFlatLineIsFlatAndAResidentSetLeakIsNot() {
        List<MemorySample> flat = new ArrayList<>();
        List<MemorySample> nativeLeak = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            long noise = (k % 2 == 0 ? 3 : -3) * MIB; // +-3 MiB sawtooth, no trend
            flat.add(new MemorySample(10 * k, 200 * MIB + noise, 512 * MIB, 80 * MIB, 0, 900 * MIB + noise));
            // 10 MiB per minute of native memory, heap flat: what a leaked NDArray per batch looks like
            nativeLeak.add(new MemorySample(10 * k, 200 * MIB, 512 * MIB, 80 * MIB, 0, 900 * MIB + k * 10 * MIB / 6));
        }
        MemoryFlatness f = MemoryFlatness.of(flat, 0, TOLERANCE);
        assertThat(f.flat()).isTrue();
        assertThat(Math.abs(f.heap().slopePerMinute() / MIB)).isLessThan(1);
        assertThat(f.heap().max()).isEqualTo(203 * MIB);
        assertThat(f.verdict()).startsWith("**Flat**");

        MemoryFlatness leak = MemoryFlatness.of(nativeLeak, 0, TOLERANCE);
        assertThat(leak.resident().slopePerMinute() / MIB).isCloseTo(10.0, within(1e-6));
        assertThat(leak.flat()).isFalse();
    }

    @Test
    void withoutAResidentSetTheHeapAloneDecides() {
        List<MemorySample> samples = List.of(new MemorySample(0, MIB, MIB, MIB, 0, -1),
                new MemorySample(60, MIB, MIB, MIB, 0, -1));
        MemoryFlatness f = MemoryFlatness.of(samples, 0, TOLERANCE);
        assertThat(f.resident()).isNull();
        assertThat(f.flat()).isTrue();
        assertThat(f.verdict()).contains("resident set not measured");
    }

    @Test
    void tooFewSamplesAfterTheWarmUpSayWhatToDo() {
        List<MemorySample> samples = List.of(new MemorySample(0, MIB, MIB, MIB, 0, MIB),
                new MemorySample(50, MIB, MIB, MIB, 0, MIB), new MemorySample(70, MIB, MIB, MIB, 0, MIB));
        assertThatThrownBy(() -> MemoryFlatness.of(samples, 60, TOLERANCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 samples after the warm-up of 60.0 s, got 1 of 3: run longer");
        assertThatThrownBy(() -> new MemoryFlatness.Tolerance(0, 4)).hasMessageContaining("must be > 0 MiB/min");
    }
}
