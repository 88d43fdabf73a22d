package dev.recon.bench;

import dev.recon.bench.detectors.RandomCutForestDetector;
import dev.recon.bench.detectors.ReconDefaultsDetector;
import dev.recon.bench.detectors.ReconDetector;
import dev.recon.bench.detectors.ReconSeverities;
import dev.recon.bench.detectors.RollingZScoreDetector;
import dev.recon.bench.endtoend.EndToEndBenchmark;
import dev.recon.bench.endtoend.SpikeSchedule;
import dev.recon.bench.images.FashionMnistBenchmark;
import dev.recon.bench.images.FashionMnistVariants;
import dev.recon.bench.memory.MemoryBenchmark;
import dev.recon.bench.nab.NabBenchmark;
import dev.recon.bench.nab.NabCorpus;
import dev.recon.bench.nab.NabFile;
import dev.recon.bench.nab.NabScorer;
import dev.recon.bench.nab.NabVariants;
import dev.recon.bench.nab.SyntheticNabCorpus;
import dev.recon.bench.throughput.BaselineThroughput;
import dev.recon.bench.throughput.ImageScoringThroughput;
import dev.recon.bench.throughput.ScoringThroughput;
import dev.recon.model.arch.ArchitectureSpec;
import dev.recon.trainer.ObjectiveSettings;
import dev.recon.trainer.TrainerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/bench}: runs recon's benchmarks and writes docs/BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure recon on this machine and write the numbers to docs/BENCHMARKS.md:",
            "operator-level scoring throughput (DJL micro-batches against a plain-Java forward pass) and",
            "detection quality on the NAB subset with NAB's scoring, next to Random Cut Forest and a rolling z-score,",
            "end-to-end throughput and latency through Kafka and Flink, Fashion-MNIST one-class AUROC,",
            "and heap and native memory over a long end-to-end run."})
public final class BenchMain implements Callable<Integer> {

    /** Series of the held-out corpus: two anomalies each, so eight of each of the three pairs of kinds. */
    static final int HELD_OUT_SENSORS = 24;
    /** Readings per held-out series: NAB's typical length. */
    static final int HELD_OUT_READINGS = 4_000;
    /** Seed of the held-out corpus, one nothing was tuned on. */
    static final long HELD_OUT_SEED = 2026;
    /** The seasonal periods measured next to the defaults (a day and a week; not a default). */
    static final List<String> SEASONAL_PERIODS = List.of("P1D", "P7D");
    /** The default window before issue 13, for the end-to-end comparison run. */
    static final int EARLIER_WINDOW = 64;

    @Option(names = "--nab", defaultValue = "data/nab", paramLabel = "DIR",
            description = "NAB corpus folder with data/ and combined_windows.json (default: ${DEFAULT-VALUE}).")
    Path nab;

    @Option(names = "--out", defaultValue = "docs/BENCHMARKS.md", description = "Report to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--only", defaultValue = "all",
            description = "throughput, nab, heldout (synthetic NAB-style series no default was chosen on),"
                    + " endtoend, fashion, memory or all (default: ${DEFAULT-VALUE}).")
    String only;

    @Option(names = "--fashion", defaultValue = "/usr/share/datasets/fashion-mnist", paramLabel = "DIR",
            description = "Fashion-MNIST IDX files, as the Debian package dataset-fashion-mnist installs them"
                    + " (default: ${DEFAULT-VALUE}).")
    Path fashion;

    @Option(names = "--fashion-train-images", defaultValue = "1000", paramLabel = "N",
            description = "Training images of the normal class per Fashion-MNIST run (default: ${DEFAULT-VALUE}).")
    int fashionTrainImages;

    @Option(names = "--seconds", defaultValue = "2",
            description = "Measured seconds per throughput configuration, after a warm-up of a quarter of it (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--readings", defaultValue = "400000",
            description = "Readings in the end-to-end throughput backlog (default: ${DEFAULT-VALUE}).")
    long readings;

    @Option(names = "--sensors", defaultValue = "100", description = "Sensors in the end-to-end runs (default: ${DEFAULT-VALUE}).")
    int sensors;

    @Option(names = "--latency-seconds", defaultValue = "20",
            description = "Length of each end-to-end latency run (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--spike-every", defaultValue = "2000", paramLabel = "N",
            description = "Sparse end-to-end latency run: each sensor's readings carry a spike (+40) every N of its "
                    + "readings, staggered across sensors; N must exceed the model's window (default: ${DEFAULT-VALUE}).")
    int spikeEvery;

    @Option(names = "--memory-minutes", defaultValue = "10", paramLabel = "MINUTES",
            description = "Length of the memory run; the first minute is warm-up (default: ${DEFAULT-VALUE}).")
    double memoryMinutes;

    @Option(names = "--memory-rate", defaultValue = "5000", paramLabel = "READINGS_PER_S",
            description = "Steady rate of readings during the memory run (default: ${DEFAULT-VALUE}).")
    double memoryRate;

    private Path endToEndModel;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the benchmarks. */
    public static void main(String[] args) {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    /** The end-to-end benchmarks' model, trained on first use and shared by the runs that need it. */
    private Path endToEndModel(Path work) throws Exception {
        if (endToEndModel == null) {
            endToEndModel = EndToEndBenchmark.train(work.resolve("e2e-model"));
        }
        return endToEndModel;
    }

    /**
     * recon train + recon score with every default but {@code seasonalPeriods} (empty: none, the
     * default), at the three seeds the tables report, each judged at its own level too; bundles go
     * to {@code work}/{@code prefix}SEED.
     */
    private static List<NabBenchmark.Outcome> reconDefaults(NabBenchmark benchmark, Path work, String prefix,
            List<String> seasonalPeriods) throws Exception {
        List<NabBenchmark.Outcome> outcomes = new ArrayList<>();
        for (long seed : new long[] {TrainerConfig.DEFAULT_SEED, 7, 11}) {
            ReconDefaultsDetector detector = new ReconDefaultsDetector(seed, work.resolve(prefix + seed),
                    seasonalPeriods);
            outcomes.add(benchmark.run(detector, detector.ownLevel()));
        }
        return outcomes;
    }

    private static void print(ScoringThroughput.Measurement r) {
        System.out.printf(Locale.ROOT, "  %-50s %-18s %-10s batch %4d  threads %d  %,12.0f%n", r.model(), r.input(),
                r.engine(), r.batchSize(), r.threads(), r.windowsPerSecond());
    }

    private static void print(EndToEndBenchmark.Latency l) {
        System.out.printf(Locale.ROOT, "  %s at %,.0f readings/s: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (%,d events)%n",
                l.mode().label(), l.offeredRate(), l.p50(), l.p95(), l.p99(), l.events());
        EndToEndBenchmark.Detection d = l.detection();
        if (d != null) {
            System.out.printf(Locale.ROOT, "    detection p50 %.0f ms, p95 %.0f ms, p99 %.0f ms; %,d of %,d spikes "
                    + "detected; %,d events without a spike%n", d.p50(), d.p95(), d.p99(), d.detected(), d.injected(),
                    d.eventsWithoutSpike());
        }
    }

    private static void print(NabBenchmark.Outcome o) {
        NabScorer.Result standard = o.byProfile().get("standard");
        System.out.printf(Locale.ROOT, "  %-70s standard %6.1f (threshold %.4g, %d/%d windows, %d FP rows)%n",
                o.detector(), standard.normalizedScore(), standard.threshold(), standard.detectedWindows(),
                standard.windows(), standard.falsePositiveRows());
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!List.of("all", "throughput", "nab", "heldout", "endtoend", "fashion", "memory").contains(only)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "invalid --only: " + only);
        }
        BenchmarkReport report = new BenchmarkReport();
        Path work = Files.createTempDirectory("recon-bench-");
        if (only.equals("all") || only.equals("throughput")) {
            System.out.println("== scoring throughput (windows/s)");
            ScoringThroughput throughput = new ScoringThroughput(new ScoringThroughput.Duration(
                    (long) (seconds * 250), (long) (seconds * 1000)));
            int[] batches = {1, 8, 64, 256, 1024};
            List<ScoringThroughput.Measurement> all = new ArrayList<>();
            for (int[] shape : new int[][] {{64, 1}, {128, 1}, {64, 8}, {128, 8}}) {
                List<ScoringThroughput.Measurement> m = throughput.measure(
                        ScoringThroughput.bundle(work, shape[0], shape[1]), batches, 64);
                m.forEach(BenchMain::print);
                all.addAll(m);
            }
            ImageScoringThroughput images = new ImageScoringThroughput(new ScoringThroughput.Duration(
                    (long) (seconds * 250), (long) (seconds * 1000)));
            for (ArchitectureSpec spec : ImageScoringThroughput.defaultModels(1, 28, 28)) {
                List<ScoringThroughput.Measurement> m = images.measure(
                        ImageScoringThroughput.bundle(work, spec), batches, 2);
                m.forEach(BenchMain::print);
                all.addAll(m);
            }
            List<ScoringThroughput.Measurement> baselines = new BaselineThroughput(new ScoringThroughput.Duration(
                    (long) (seconds * 250), (long) (seconds * 1000))).measure(20_000);
            baselines.forEach(BenchMain::print);
            all.addAll(baselines);
            report.throughput(all);
        }
        if (only.equals("all") || only.equals("nab")) {
            List<NabFile> files = NabCorpus.read(nab);
            System.out.println("== NAB subset: " + files.size() + " files from " + nab);
            NabBenchmark benchmark = new NabBenchmark(files, System.out);
            // one model per file and window length, shared by the post-processings (NabVariants);
            // the table's recon rows use the longest window, the variant grid below compares them all
            TrainerConfig recon = TrainerConfig.defaults("nab");
            List<ReconSeverities> sources = NabVariants.WINDOWS.stream()
                    .map(w -> new ReconSeverities(recon.withWindow(w, 1), work.resolve("nab-" + w))).toList();
            ReconSeverities chosen = sources.get(sources.size() - 1);
            // the same models' codes against the training windows' (--score latent-knn:10), at the default window
            TrainerConfig latent = recon.withObjective(ObjectiveSettings.DEFAULT.withScore("latent-knn:10"));
            List<ReconSeverities> latentSources = List.of(TrainerConfig.DEFAULT_WINDOW, 256).stream()
                    .map(w -> new ReconSeverities(latent.withWindow(w, 1), work.resolve("nab-knn-" + w))).toList();
            List<NabBenchmark.Outcome> outcomes = new ArrayList<>();
            // what a user gets: recon train + recon score with every default, at three seeds (models vary by seed)
            outcomes.addAll(reconDefaults(benchmark, work, "nab-defaults-", List.of()));
            // not a default: it helps here and costs on the held-out series (docs/BENCHMARKS.md)
            outcomes.addAll(reconDefaults(benchmark, work, "nab-seasonal-", SEASONAL_PERIODS));
            outcomes.add(benchmark.run(new ReconDetector(latentSources.get(0), ReconDetector.Score.ONSET_LIKELIHOOD),
                    Double.NaN));
            outcomes.add(benchmark.run(new ReconDetector(chosen, ReconDetector.Score.ONSET_LIKELIHOOD), Double.NaN));
            outcomes.add(benchmark.run(new ReconDetector(chosen, ReconDetector.Score.ONSET), 1.0));
            outcomes.add(benchmark.run(new ReconDetector(chosen, ReconDetector.Score.WINDOW), 1.0));
            outcomes.add(benchmark.run(new ReconDetector(chosen, ReconDetector.Score.LIKELIHOOD), Double.NaN));
            outcomes.add(benchmark.run(RandomCutForestDetector.nabPublished(42), Double.NaN));
            outcomes.add(benchmark.run(new RollingZScoreDetector(64), Double.NaN));
            outcomes.forEach(BenchMain::print);
            System.out.println("== NAB subset: recon variants");
            String grid = NabVariants.markdown(NabVariants.run(files, sources, System.out));
            String latentGrid = NabVariants.markdown(NabVariants.run(files, latentSources, System.out));
            report.nab(files.size(), outcomes, grid + "\nThe same, scored by `latent-knn:10` (the distance of each"
                    + " window's code to its 10 nearest training codes) instead of the reconstruction error:\n\n"
                    + latentGrid);
        }
        if (only.equals("all") || only.equals("heldout")) {
            List<NabFile> files = SyntheticNabCorpus.generate(HELD_OUT_SENSORS, HELD_OUT_READINGS, 2, HELD_OUT_SEED);
            System.out.println("== held out: " + files.size() + " synthetic series (seed " + HELD_OUT_SEED
                    + "), NAB-style windows");
            NabBenchmark benchmark = new NabBenchmark(files, System.out);
            List<NabBenchmark.Outcome> outcomes = new ArrayList<>();
            outcomes.addAll(reconDefaults(benchmark, work, "heldout-", List.of()));
            outcomes.addAll(reconDefaults(benchmark, work, "heldout-seasonal-", SEASONAL_PERIODS));
            outcomes.add(benchmark.run(RandomCutForestDetector.nabPublished(42), Double.NaN));
            outcomes.add(benchmark.run(new RollingZScoreDetector(64), Double.NaN));
            outcomes.forEach(BenchMain::print);
            report.heldOut(files.size(), HELD_OUT_READINGS, HELD_OUT_SEED, outcomes);
        }
        if (only.equals("all") || only.equals("endtoend")) {
            System.out.println("== end to end: Kafka -> Flink -> Kafka, " + sensors + " sensors");
            Path model = endToEndModel(work);
            EndToEndBenchmark e2e = new EndToEndBenchmark(model,
                    EndToEndBenchmark.everyWindow(model, work.resolve("e2e-every-window")), sensors, System.out);
            SpikeSchedule spikes;
            try {
                spikes = e2e.spikes(spikeEvery); // before the throughput runs: a bad option fails at once
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), "invalid --spike-every: " + e.getMessage());
            }
            // a first run of a fresh JVM drains slower (JIT, class loading): warm up, then measure. A quarter of
            // the backlog was not enough: the next drain still ran at 40 to 55% of the later ones
            EndToEndBenchmark.Throughput warmUp = e2e.throughput(1, readings);
            System.out.printf(Locale.ROOT, "  warm-up, not reported: %,.0f readings/s%n", warmUp.rate());
            List<EndToEndBenchmark.Throughput> rates = new ArrayList<>();
            for (int p = 1; p <= 2; p++) {
                EndToEndBenchmark.Throughput t = e2e.throughput(p, readings);
                System.out.printf(Locale.ROOT, "  parallelism %d: %,.0f readings/s (%,d in %.1f s)%n", p, t.rate(),
                        t.readings(), t.seconds());
                rates.add(t);
            }
            // the defaults before the onset-likelihood alarm and window 128, in the same run, for the ratio
            Path earlierModel = EndToEndBenchmark.train(work.resolve("e2e-model-64"), EARLIER_WINDOW);
            EndToEndBenchmark earlier = new EndToEndBenchmark(earlierModel, earlierModel, sensors, System.out)
                    .withJobSettings(Map.of("alarm.mode", "threshold"));
            EndToEndBenchmark.Throughput before = earlier.throughput(1, readings);
            System.out.printf(Locale.ROOT, "  earlier defaults (window %d, alarm.mode=threshold), parallelism 1: "
                    + "%,.0f readings/s; the defaults reach %.0f%% of it%n", EARLIER_WINDOW, before.rate(),
                    100 * rates.get(0).rate() / before.rate());
            double max = rates.stream().mapToDouble(EndToEndBenchmark.Throughput::rate).max().orElseThrow();
            int bestParallelism = rates.stream().max(java.util.Comparator.comparingDouble(
                    EndToEndBenchmark.Throughput::rate)).orElseThrow().parallelism();
            List<EndToEndBenchmark.Latency> latencies = new ArrayList<>();
            for (double share : new double[] {0.5, 0.9}) {
                // sparse first (the headline: a production-like load with few events), then every window (stress)
                EndToEndBenchmark.Latency sparse = e2e.sparseLatency(share * max, latencySeconds, bestParallelism,
                        spikes);
                print(sparse);
                latencies.add(sparse);
                EndToEndBenchmark.Latency every = e2e.everyWindowLatency(share * max, latencySeconds, bestParallelism);
                print(every);
                latencies.add(every);
            }
            report.endToEnd(sensors, e2e.windowLength(), rates, EARLIER_WINDOW, before, latencies, bestParallelism);
        }
        if (only.equals("all") || only.equals("fashion")) {
            if (!FashionMnistBenchmark.available(fashion)) {
                System.out.println("== Fashion-MNIST: skipped, no IDX files in " + fashion
                        + " (apt-get install dataset-fashion-mnist)");
            } else {
                System.out.println("== Fashion-MNIST one-class AUROC, " + fashionTrainImages
                        + " training images per class, scored on the 10,000 test images");
                FashionMnistBenchmark benchmark = new FashionMnistBenchmark(fashion, fashionTrainImages,
                        work.resolve("fashion"), System.out);
                report.fashion(fashionTrainImages, benchmark.run(FashionMnistVariants.all()));
            }
        }
        if (only.equals("all") || only.equals("memory")) {
            System.out.printf(Locale.ROOT, "== memory: %.1f minutes at %,.0f readings/s through Kafka -> Flink -> Kafka%n",
                    memoryMinutes, memoryRate);
            Path model = endToEndModel(work);
            MemoryBenchmark memory = new MemoryBenchmark(model, sensors,
                    MemoryBenchmark.Settings.minutes(memoryMinutes, memoryRate, 2), System.out);
            MemoryBenchmark.Result r = memory.run();
            System.out.println("  " + r.flatness().verdict());
            report.memory(sensors, r);
        }
        // the command as given, so a section says how it was made (--readings, --memory-minutes, ...)
        List<String> given = spec.commandLine().getParseResult().originalArgs();
        report.write(out, given.isEmpty() ? "bin/bench" : "bin/bench " + String.join(" ", given));
        System.out.println("wrote " + out);
        return 0;
    }
}
