package dev.recon.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.bench.endtoend.EndToEndBenchmark;
import org.junit.jupiter.api.Test;

/** Tests for the lines {@link MemoryRun} prints and {@link MemoryBenchmark} reads back. */
class MemoryRunTest {

    @Test
    void samplesAndTheLoadSurviveTheirLines() {
        MemorySample sample = new MemorySample(12.5, 80_000_000, 536_870_912, 140_000_000, 66_000_000, 1_400_000_000);
        assertThat(MemoryRun.line(sample)).startsWith(MemoryRun.SAMPLE + " 12.500 80000000 ");
        assertThat(MemoryRun.parseSample(MemoryRun.line(sample))).isEqualTo(sample);

        EndToEndBenchmark.SteadyRun load = new EndToEndBenchmark.SteadyRun(5000, 2, 3_000_000, 2_990_000, 600.25);
        assertThat(MemoryRun.parseLoad(MemoryRun.line(load))).isEqualTo(load);
    }

    @Test
    void aLineOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> MemoryRun.parseSample("12:00:01 WARN something"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a '" + MemoryRun.SAMPLE + "' line of 7 fields");
    }
}
