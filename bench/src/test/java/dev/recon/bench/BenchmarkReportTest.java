package dev.recon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.bench.endtoend.EndToEndBenchmark;
import dev.recon.bench.endtoend.SpikeSchedule;
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

/**
 * Tests for {@link BenchmarkReport}: the throughput, end-to-end and memory sections, and that a run leaves other
 * sections alone.
 */
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

    @Test
    void theEndToEndSectionPutsTheSparseRowsFirstWithTheirDetection() throws Exception {
        SpikeSchedule spikes = SpikeSchedule.of(2000, 64);
        List<EndToEndBenchmark.Throughput> rates = List.of(new EndToEndBenchmark.Throughput(1, 389_287, 11.0),
                new EndToEndBenchmark.Throughput(2, 388_986, 8.0));
        // measured in BenchMain's order: sparse then every window at 50%, the same at 90%
        List<EndToEndBenchmark.Latency> latencies = List.of(
                new EndToEndBenchmark.Latency(EndToEndBenchmark.Mode.SPARSE, 24_302.4, 15_360, 41, 88, 120.4,
                        new EndToEndBenchmark.Detection(spikes, 243, 242, 3, 35, 70, 95)),
                new EndToEndBenchmark.Latency(EndToEndBenchmark.Mode.EVERY_WINDOW, 24_302.4, 479_741, 195, 811, 972, null),
                new EndToEndBenchmark.Latency(EndToEndBenchmark.Mode.SPARSE, 43_744, 27_000, 60, 130, 210,
                        new EndToEndBenchmark.Detection(spikes, 437, 0, 12, Double.NaN, Double.NaN, Double.NaN)),
                new EndToEndBenchmark.Latency(EndToEndBenchmark.Mode.EVERY_WINDOW, 43_744, 868_585, 797, 1159, 1239, null));
        Path out = Files.writeString(tmp.resolve("BENCHMARKS.md"), OTHER_SECTIONS);

        BenchmarkReport report = new BenchmarkReport();
        report.endToEnd(100, 128, rates, 64, new EndToEndBenchmark.Throughput(1, 400_000, 4.0), latencies, 2);
        report.write(out, "bin/bench --only endtoend");

        String doc = Files.readString(out);
        String section = section(doc, "endtoend");
        assertThat(section).contains("| 2 | 388,986 | 8.0 | 48,623 |", "dense AE window 128 stride 1",
                "the bundle's onset-likelihood alarm per sensor",
                "(window 64, `alarm.mode=threshold`), in the same run after the same warm-up: 100,000 readings/s",
                "the defaults reach 35% of it",
                "(parallelism 2; event-time out-of-orderness 10 ms), in two modes.",
                "*sparse, injected anomalies*: the calibrated model, with one reading per sensor every 2,000 of its "
                        + "readings raised by +40",
                "*every window an event*: the same model with threshold 0",
                "| mode | offered readings/s | events | event p50 ms | event p95 ms | event p99 ms | detection p50 ms "
                        + "| detection p95 ms | detection p99 ms | spikes detected |",
                "Command: `bin/bench --only endtoend`");
        List<String> rows = section.lines().filter(l -> l.startsWith("| sparse") || l.startsWith("| every")).toList();
        assertThat(rows).containsExactly(
                "| sparse, injected anomalies | 24,302 | 15,360 | 41 | 88 | 120 | 35 | 70 | 95 | 242 / 243 |",
                // no spike detected: blank detection latencies, not NaN
                "| sparse, injected anomalies | 43,744 | 27,000 | 60 | 130 | 210 |  |  |  | 0 / 437 |",
                "| every window an event | 24,302 | 479,741 | 195 | 811 | 972 |  |  |  |  |",
                "| every window an event | 43,744 | 868,585 | 797 | 1159 | 1239 |  |  |  |  |");
        assertThat(section).doesNotContain("NaN");
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
