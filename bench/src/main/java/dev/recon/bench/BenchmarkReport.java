package dev.recon.bench;

import dev.recon.bench.endtoend.EndToEndBenchmark;
import dev.recon.bench.images.FashionMnistBenchmark;
import dev.recon.bench.memory.MemoryBenchmark;
import dev.recon.bench.memory.MemoryFlatness;
import dev.recon.bench.nab.NabBenchmark;
import dev.recon.bench.nab.NabScorer;
import dev.recon.bench.throughput.ScoringThroughput;
import dev.recon.bench.throughput.ScoringThroughput.Measurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Writes measured numbers into docs/BENCHMARKS.md: each benchmark owns a section between markers,
 * and a run replaces only the sections it measured, so the hand-written text around them stays.
 */
final class BenchmarkReport {

    private static final Map<String, Double> PUBLISHED_FULL_CORPUS = Map.of(
            "Numenta HTM", 70.5, "CAD OSE", 69.9, "KNN CAD", 58.0, "Random Cut Forest", 51.7, "Windowed Gaussian", 39.6);

    private String throughput;
    private String nab;
    private String heldOut;
    private String endToEnd;
    private String fashion;
    private String memory;

    void fashion(int trainImages, List<FashionMnistBenchmark.Result> results) {
        List<String> variants = results.stream().map(FashionMnistBenchmark.Result::variant).distinct().toList();
        StringBuilder b = new StringBuilder();
        b.append(machine()).append('\n');
        b.append(String.format(Locale.ROOT, "Each class as the normal one in turn: trained on the first %,d training images"
                + " of that class only, scored on all 10,000 test images (1,000 normal, 9,000 anomalous); AUROC of the"
                + " bundle's score (the variant names it: conv2d's default is latent-knn:10). Default trainer"
                + " settings unless the variant says otherwise.%n%n", trainImages));
        b.append("| class |");
        variants.forEach(v -> b.append(' ').append(v).append(" |"));
        b.append("\n| --- |");
        variants.forEach(v -> b.append(" ---: |"));
        b.append('\n');
        for (int c = 0; c < FashionMnistBenchmark.CLASSES.size(); c++) {
            int cls = c;
            b.append(String.format(Locale.ROOT, "| %d %s |", c, FashionMnistBenchmark.CLASSES.get(c)));
            for (String v : variants) {
                b.append(results.stream().filter(r -> r.variant().equals(v) && r.normalClass() == cls).findFirst()
                        .map(r -> String.format(Locale.ROOT, " %.3f |", r.auroc())).orElse(" |"));
            }
            b.append('\n');
        }
        b.append("| **mean** |");
        for (String v : variants) {
            b.append(String.format(Locale.ROOT, " **%.3f** |", results.stream().filter(r -> r.variant().equals(v))
                    .mapToDouble(FashionMnistBenchmark.Result::auroc).average().orElse(Double.NaN)));
        }
        b.append("\n| training time (all classes) |");
        for (String v : variants) {
            b.append(String.format(Locale.ROOT, " %.0f s |", results.stream().filter(r -> r.variant().equals(v))
                    .mapToDouble(FashionMnistBenchmark.Result::trainSeconds).sum()));
        }
        b.append('\n');
        fashion = b.toString();
    }

    /**
     * The end-to-end section.
     *
     * @param earlier the earlier defaults' throughput at parallelism 1 in the same run (windows of
     *     {@code earlierWindow})
     */
    void endToEnd(int sensors, int window, List<EndToEndBenchmark.Throughput> rates, int earlierWindow,
            EndToEndBenchmark.Throughput earlier, List<EndToEndBenchmark.Latency> latencies, int latencyParallelism) {
        StringBuilder b = new StringBuilder();
        b.append(machine()).append('\n');
        b.append(String.format(Locale.ROOT, "%d sensors, one reading per sensor per second of event time, dense AE window "
                + "%d stride 1 (a window scored per reading), default job settings (batch 64, at-least-once, the "
                + "bundle's onset-likelihood alarm per sensor).%n%n", sensors, window));
        b.append("| parallelism | readings | seconds | readings/s |\n| ---: | ---: | ---: | ---: |\n");
        for (var t : rates) {
            b.append(String.format(Locale.ROOT, "| %d | %,d | %.1f | %,.0f |%n", t.parallelism(), t.readings(), t.seconds(),
                    t.rate()));
        }
        b.append(String.format(Locale.ROOT, "%nThe defaults before the onset-likelihood alarm (window %d, "
                + "`alarm.mode=threshold`), in the same run after the same warm-up: %,.0f readings/s at "
                + "parallelism 1 (%,d in %.1f s); the defaults reach %.0f%% of it. The job's first drain in the "
                + "benchmark's JVM, a whole backlog, warms it up and is not reported.%n", earlierWindow,
                earlier.rate(), earlier.readings(), earlier.seconds(), 100 * rates.get(0).rate() / earlier.rate()));
        // the sparse mode is the headline: its rows first, each mode's rows in the order measured
        List<EndToEndBenchmark.Latency> rows = latencies.stream()
                .sorted(Comparator.comparing(EndToEndBenchmark.Latency::mode)).toList();
        b.append(String.format(Locale.ROOT, "%nLatency from a reading's append to Kafka to its event's append to Kafka "
                + "(parallelism %d; event-time out-of-orderness 10 ms), in two modes.", latencyParallelism));
        rows.stream().map(EndToEndBenchmark.Latency::detection).filter(Objects::nonNull).findFirst()
                .ifPresent(d -> b.append(String.format(Locale.ROOT, " *%s*: the calibrated model, with one reading per "
                        + "sensor every %,d of its readings raised by %+.0f (staggered across sensors); event latency runs "
                        + "from the reading that completed an event's window, detection latency from a spike's append to "
                        + "the first event whose window contains it (spikes after the warm-up).",
                        EndToEndBenchmark.Mode.SPARSE.label(), d.spikes().every(), d.spikes().offset())));
        if (rows.stream().anyMatch(l -> l.mode() == EndToEndBenchmark.Mode.EVERY_WINDOW)) {
            b.append(String.format(Locale.ROOT, " *%s*: the same model with threshold 0, so every window is an "
                    + "event (`alarm.mode=threshold`; anomaly JSON, a Kafka send and the incident tracker per "
                    + "reading): a stress case, not a production load.", EndToEndBenchmark.Mode.EVERY_WINDOW.label()));
        }
        b.append("\n\n| mode | offered readings/s | events | event p50 ms | event p95 ms | event p99 ms "
                + "| detection p50 ms | detection p95 ms | detection p99 ms | spikes detected |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (var l : rows) {
            EndToEndBenchmark.Detection d = l.detection();
            b.append(String.format(Locale.ROOT, "| %s | %,.0f | %,d | %s | %s | %s | %s | %s | %s | %s |%n",
                    l.mode().label(), l.offeredRate(), l.events(), ms(l.p50()), ms(l.p95()), ms(l.p99()),
                    d == null ? "" : ms(d.p50()), d == null ? "" : ms(d.p95()), d == null ? "" : ms(d.p99()),
                    d == null ? "" : String.format(Locale.ROOT, "%,d / %,d", d.detected(), d.injected())));
        }
        endToEnd = b.toString();
    }

    /** Milliseconds without decimals; blank when there is no number (no spike detected). */
    private static String ms(double millis) {
        return Double.isNaN(millis) ? "" : String.format(Locale.ROOT, "%.0f", millis);
    }

    void throughput(List<Measurement> all) {
        StringBuilder b = new StringBuilder();
        b.append(machine()).append('\n');
        b.append("| model | input | engine | batch | threads | windows/s | vs batch 1 | vs plain Java |\n");
        b.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        Map<String, List<Measurement>> byModel = all.stream().collect(Collectors.groupingBy(
                m -> m.model() + " | " + m.input(), java.util.LinkedHashMap::new, Collectors.toList()));
        byModel.forEach((model, ms) -> {
            double batch1 = rate(ms, ScoringThroughput.DJL, 1, 1);
            for (Measurement m : ms) {
                boolean djl = m.engine().equals(ScoringThroughput.DJL);
                // DJL against the reference on as many threads: the price or gain of the engine at that batch
                double plain = rate(ms, ScoringThroughput.PLAIN_JAVA, 1, m.threads());
                b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %,.0f | %s | %s |%n", model, m.engine(),
                        m.batchSize(), m.threads(), m.windowsPerSecond(),
                        djl ? String.format(Locale.ROOT, "%.1fx", m.windowsPerSecond() / batch1) : "",
                        djl && !Double.isNaN(plain) ? String.format(Locale.ROOT, "%.2fx", m.windowsPerSecond() / plain) : ""));
            }
        });
        throughput = b.toString();
    }

    private static double rate(List<Measurement> ms, String engine, int batch, int threads) {
        return ms.stream().filter(m -> m.engine().equals(engine) && m.batchSize() == batch && m.threads() == threads)
                .mapToDouble(Measurement::windowsPerSecond).findFirst().orElse(Double.NaN);
    }

    void memory(int sensors, MemoryBenchmark.Result r) {
        MemoryFlatness f = r.flatness();
        MemoryBenchmark.Settings s = r.settings();
        StringBuilder b = new StringBuilder();
        b.append(machine()).append('\n');
        b.append(String.format(Locale.ROOT, "%.1f minutes at %,.0f readings/s over %d sensors, parallelism %d, the "
                + "end-to-end job and model above in a process of its own with a fixed, pre-touched heap of %d MiB "
                + "(%,d readings sent, %,d windows scored). A sample every %d s after a full collection; the first %d s "
                + "are warm-up, left out of the trend (%d samples fitted). MiB, from the end of the warm-up on:%n%n",
                r.load().seconds() / 60, s.rate(), sensors, s.parallelism(), s.heapMib(), r.load().readings(),
                r.load().windowsScored(), s.interval().toSeconds(), s.warmup().toSeconds(), f.samples()));
        b.append("| memory | first | last | max | slope MiB/min |\n| --- | ---: | ---: | ---: | ---: |\n");
        memoryRow(b, "heap used after GC", f.heap());
        memoryRow(b, "heap committed", f.heapCommitted());
        memoryRow(b, "non-heap", f.nonHeap());
        memoryRow(b, "direct buffers", f.direct());
        if (f.resident() != null) {
            memoryRow(b, "resident set (RSS, incl. libtorch)", f.resident());
        }
        b.append('\n').append(f.verdict()).append('\n');
        memory = b.toString();
    }

    private static void memoryRow(StringBuilder b, String name, MemoryFlatness.Trend t) {
        double mib = 1024.0 * 1024.0;
        b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %+.2f |%n", name, t.first() / mib, t.last() / mib,
                t.max() / mib, t.slopePerMinute() / mib));
    }

    void nab(int files, List<NabBenchmark.Outcome> outcomes, String reconVariants) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d files, NAB scoring (probationary 15%%, one threshold per detector for "
                + "the whole subset, chosen to maximise the score, as NAB reports), measured %s.%n%n", files, LocalDate.now()));
        nabTable(b, outcomes);
        b.append("\nrecon variants, standard profile (score, windows caught, false-positive rows), each with its own "
                + "threshold swept over the subset:\n\n").append(reconVariants);
        b.append("\nPublished standard-profile scores on the full NAB corpus (58 files; ours is an 18-file subset, so "
                + "compare with care; NAB's published results on these 18 files: Random Cut Forest 47.1, Numenta HTM 61.3):\n\n");
        PUBLISHED_FULL_CORPUS.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> b.append(String.format(Locale.ROOT, "- %s %.1f%n", e.getKey(), e.getValue())));
        nab = b.toString();
    }

    void heldOut(int files, int readings, long seed, List<NabBenchmark.Outcome> outcomes) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d synthetic series of %,d five-minute readings (`SyntheticNabCorpus`, "
                + "seed %d), two anomalies each, every kind in turn; NAB scoring as above (probationary 15%%, one "
                + "threshold per detector swept over the corpus), measured %s.%n%n", files, readings, seed,
                LocalDate.now()));
        nabTable(b, outcomes);
        heldOut = b.toString();
    }

    private static void nabTable(StringBuilder b, List<NabBenchmark.Outcome> outcomes) {
        b.append("| detector | standard | reward low FP | reward low FN | windows caught (standard) | FP rows "
                + "| mean of per-file optima | time |\n");
        b.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (NabBenchmark.Outcome o : outcomes) {
            NabScorer.Result s = o.byProfile().get("standard");
            b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %d / %d | %d | %.1f | %.0f s |%n",
                    o.detector(), s.normalizedScore(), o.byProfile().get("reward_low_FP_rate").normalizedScore(),
                    o.byProfile().get("reward_low_FN_rate").normalizedScore(), s.detectedWindows(), s.windows(),
                    s.falsePositiveRows(), o.perFileMean(), o.seconds()));
        }
        for (NabBenchmark.Outcome o : outcomes) {
            if (o.ownThreshold() != null) {
                NabScorer.Result r = o.ownThreshold();
                b.append(String.format(Locale.ROOT, "%nAt its own calibrated threshold (no sweep), %s scores %.1f "
                        + "(standard), catching %d of %d windows with %d false-positive rows.%n", o.detector(),
                        r.normalizedScore(), r.detectedWindows(), r.windows(), r.falsePositiveRows()));
            }
        }
    }

    void write(Path out, String command) throws IOException {
        String doc = Files.exists(out) ? Files.readString(out) : template();
        if (throughput != null) {
            doc = replace(doc, "throughput", throughput + "\nCommand: `" + command + "`\n");
        }
        if (endToEnd != null) {
            doc = replace(doc, "endtoend", endToEnd + "\nCommand: `" + command + "`\n");
        }
        if (nab != null) {
            doc = replace(doc, "nab", nab + "\nCommand: `" + command + "`\n");
        }
        if (heldOut != null) {
            doc = replace(doc, "heldout", heldOut + "\nCommand: `" + command + "`\n");
        }
        if (fashion != null) {
            doc = replace(doc, "fashion", fashion + "\nCommand: `" + command + "`\n");
        }
        if (memory != null) {
            doc = replace(doc, "memory", memory + "\nCommand: `" + command + "`\n");
        }
        Files.writeString(out, doc);
    }

    private static String replace(String doc, String section, String body) {
        String begin = "<!-- bench:" + section + " -->";
        String end = "<!-- /bench:" + section + " -->";
        int a = doc.indexOf(begin);
        int z = doc.indexOf(end);
        if (a < 0 || z < 0) {
            return doc + "\n" + begin + "\n" + body + end + "\n";
        }
        return doc.substring(0, a + begin.length()) + "\n" + body + doc.substring(z);
    }

    private static String template() {
        return "# Benchmarks\n\n<!-- bench:throughput -->\n<!-- /bench:throughput -->\n\n<!-- bench:nab -->\n<!-- /bench:nab -->\n";
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException | RuntimeException ignored) {
            // not Linux: leave it unknown
        }
        return String.format(Locale.ROOT, "Measured %s on %d cores (%s), Java %s, %s %s.%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), cpu, Runtime.version(), System.getProperty("os.name"),
                System.getProperty("os.arch"));
    }
}
