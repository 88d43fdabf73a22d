package dev.recon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.bench.endtoend.EndToEndBenchmark;
import dev.recon.bench.memory.MemoryBenchmark;
import dev.recon.bench.memory.MemoryFlatness;
import dev.recon.bench.memory.MemorySample;
import dev.recon.bench.throughput.ImageScoringThroughput;
import dev.recon.bench.throughput.ScoringThroughput;
import dev.recon.model.arch.ArchitectureSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link BenchmarkReport}: the throughput and memory sections, and that a run leaves other sections alone. */
class BenchmarkReportTest {

    private static final long MIB = 1024 * 1024;
    private static final String OTHER_SECTIONS = "# Benchmarks\n\nhand-written text\n\n<!-- bench:throughput -->\nold numbers\n"
            + "<!-- /bench:throughput -->\n\n<!-- bench:nab -->\nNAB numbers\n<!-- /bench:nab -->\n";

    @TempDir
    Path tmp;

    @Test
    void theThroughputTableNamesEachRowsModelWithBothRatios() throws Exception {
        ScoringThroughput.Duration brief = new ScoringThroughput.Duration(5, 20);
        List<ScoringThroughput.Measurement> all = new ArrayList<>(new ScoringThroughput(brief).measure(
                ScoringThroughput.bundle(tmp, 16, 1), new int[] {1, 8}, 8));
        ArchitectureSpec vae = ImageScoringThroughput.defaultModels(1, 28, 28).get(2);
        all.addAll(new ImageScoringThroughput(brief).measure(ImageScoringThroughput.bundle(tmp, vae), new int[] {1, 8}, 2));
        assertThat(all).allSatisfy(m -> assertThat(m.windowsPerSecond()).isPositive().isFinite());
        Path out = Files.writeString(tmp.resolve("BENCHMARKS.md"), OTHER_SECTIONS);

        BenchmarkReport report = new BenchmarkReport();
        report.throughput(all);
        report.write(out, "bin/bench --only throughput");

        String doc = Files.readString(out);
        String section = section(doc, "throughput");
        assertThat(section).contains("| model | input | engine | batch | threads | windows/s | vs batch 1 | vs plain Java |",
                "| dense AE | window 16 x 1 | DJL | 1 | 1 |", "| dense AE | window 16 x 1 | plain Java | 1 | 2 |",
                "| " + ImageScoringThroughput.modelName(vae) + " | image 28 x 28 x 1 | DJL | 8 | 2 |",
                "Command: `bin/bench --only throughput`").doesNotContain("old numbers", "NaN");
        // one row per measurement; DJL rows carry both ratios, reference rows neither
        assertThat(section.lines().filter(l -> l.startsWith("| dense AE") || l.startsWith("| conv"))).hasSize(all.size());
        assertThat(section.lines().filter(l -> l.contains("| DJL |"))).allMatch(l -> l.matches(".*\\| [0-9.]+x \\| [0-9.]+x \\|"));
        assertThat(doc).startsWith("# Benchmarks\n\nhand-written text").contains("NAB numbers");
    }

    @Test
    void theMemorySectionHasTheTableAndTheVerdict() throws Exception {
        List<MemorySample> samples = new ArrayList<>();
        for (int k = 0; k <= 12; k++) {
            // the heap climbs during the warm-up, then steps from 110 to 120 MiB once: fitted, +6.43 MiB/min
            long heap = k < 6 ? 50 + 10 * k : k == 6 ? 110 : 120;
            samples.add(new MemorySample(10 * k, heap * MIB, 512 * MIB, 90 * MIB, 2 * MIB, 700 * MIB));
        }
        MemoryBenchmark.Settings settings = new MemoryBenchmark.Settings(Duration.ofMinutes(2), Duration.ofSeconds(10),
                Duration.ofMinutes(1), 5000, 2, 512, MemoryFlatness.Tolerance.DEFAULT);
        MemoryBenchmark.Result result = new MemoryBenchmark.Result(settings,
                new EndToEndBenchmark.SteadyRun(5000, 2, 600_000, 590_000, 120), samples,
                MemoryFlatness.of(samples, 60, settings.tolerance()));
        Path out = Files.writeString(tmp.resolve("BENCHMARKS.md"), OTHER_SECTIONS);

        BenchmarkReport report = new BenchmarkReport();
        report.memory(100, result);
        report.write(out, "bin/bench --only memory");

        String doc = Files.readString(out);
        String section = section(doc, "memory");
        assertThat(section).contains("2.0 minutes at 5,000 readings/s over 100 sensors, parallelism 2",
                "fixed, pre-touched heap of 512 MiB", "600,000 readings sent, 590,000 windows scored",
                "first 60 s are warm-up", "(7 samples fitted)",
                "| heap used after GC | 110.0 | 120.0 | 120.0 | +6.43 |",
                "| heap committed | 512.0 | 512.0 | 512.0 | +0.00 |",
                "| direct buffers | 2.0 |",
                "| resident set (RSS, incl. libtorch) | 700.0 | 700.0 | 700.0 | +0.00 |",
                "**Growing**: heap +6.43 MiB/min (tolerance 1.0), resident set +0.00 MiB/min",
                "Command: `bin/bench --only memory`");
        assertThat(doc).contains("old numbers", "NAB numbers");
    }

    private static String section(String doc, String name) {
        int from = doc.indexOf("<!-- bench:" + name + " -->");
        int to = doc.indexOf("<!-- /bench:" + name + " -->");
        assertThat(from).as("section %s written", name).isNotNegative();
        assertThat(to).isGreaterThan(from);
        return doc.substring(from, to);
    }
}
