package dev.recon.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link MemorySample}. */
class MemorySampleTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheResidentSetFromAProcStatusFile() throws Exception {
        Path status = Files.writeString(tmp.resolve("status"), "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\n"
                + "Threads:\t40\n");
        assertThat(MemorySample.residentBytes(status)).isEqualTo(123456L * 1024);
        assertThat(MemorySample.residentBytes(tmp.resolve("missing"))).isEqualTo(-1);
        Path odd = Files.writeString(tmp.resolve("odd"), "VmRSS:\t12 MB\n");
        assertThatThrownBy(() -> MemorySample.residentBytes(odd)).hasMessageContaining("unexpected VmRSS line");
    }

    @Test
    void aSampleOfThisJvmHasEveryFigure() {
        MemorySample s = MemorySample.take(1.5);
        assertThat(s.seconds()).isEqualTo(1.5);
        assertThat(s.heapUsed()).isPositive();
        assertThat(s.nonHeapUsed()).isPositive();
        assertThat(s.directUsed()).isNotNegative();
        if (Files.exists(Path.of("/proc/self/status"))) {
            assertThat(s.residentBytes()).isGreaterThan(s.heapUsed());
        }
    }
}
