package dev.recon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.bench.memory.MemoryBenchmark;
import dev.recon.bench.memory.MemoryFlatness;
import dev.recon.bench.memory.MemorySample;
import dev.recon.model.testing.TestBundles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory benchmark end to end, a few seconds long: a broker and the time-series job in a
 * process of their own under a steady load, the samples, the trend and the report section.
 */
class MemoryBenchmarkITCase {

    @TempDir
    Path tmp;

    @Test
    void samplesMemoryWhileTheJobScoresASteadyLoadAndWritesTheSection() throws Exception {
        Path bundle = TestBundles.writeDense(tmp.resolve("model"), List.of("value"), 8, 1, 1e9);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        MemoryBenchmark.Settings settings = new MemoryBenchmark.Settings(Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(2), 400, 1, 256, MemoryFlatness.Tolerance.DEFAULT);
        MemoryBenchmark benchmark = new MemoryBenchmark(bundle, 10, settings,
                new PrintStream(log, true, StandardCharsets.UTF_8));

        MemoryBenchmark.Result r = benchmark.run();

        assertThat(r.samples()).hasSize(6); // due at 0, 1, ... 5 s
        assertThat(r.samples()).allSatisfy(s -> {
            assertThat(s.heapUsed()).isPositive();
            assertThat(s.heapCommitted()).isEqualTo(256L * 1024 * 1024); // -Xms = -Xmx
            assertThat(s.nonHeapUsed()).isPositive();
            assertThat(s.directUsed()).isNotNegative();
            assertThat(s.residentBytes()).isGreaterThan(s.heapUsed());
        });
        assertThat(r.samples()).extracting(MemorySample::seconds).isSorted();
        assertThat(r.load().readings()).isPositive();
        assertThat(r.load().windowsScored()).isPositive();
        assertThat(r.load().seconds()).isGreaterThanOrEqualTo(5);
        MemoryFlatness f = r.flatness();
        assertThat(f.samples()).isGreaterThanOrEqualTo(2);
        assertThat(List.of(f.heap(), f.heapCommitted(), f.nonHeap(), f.direct(), f.resident()))
                .allSatisfy(t -> assertThat(t.slopePerMinute()).isFinite());
        assertThat(f.verdict()).containsAnyOf("**Flat**", "**Growing**");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("heap", "RSS");

        Path out = tmp.resolve("BENCHMARKS.md");
        BenchmarkReport report = new BenchmarkReport();
        report.memory(10, r);
        report.write(out, "bin/bench --only memory");
        assertThat(Files.readString(out)).contains("<!-- bench:memory -->", "| heap used after GC |",
                "| resident set (RSS, incl. libtorch) |", f.verdict(), "<!-- /bench:memory -->");
    }
}
