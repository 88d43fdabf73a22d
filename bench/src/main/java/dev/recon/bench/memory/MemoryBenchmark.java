package dev.recon.bench.memory;

import dev.recon.bench.endtoend.EndToEndBenchmark;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Memory over a long run: the end-to-end job (Kafka -> Flink -> Kafka) under a steady rate of
 * readings in a process of its own ({@link MemoryRun}), a {@link MemorySample} every interval, and
 * whether the heap and the resident set stayed flat after the warm-up ({@link MemoryFlatness}).
 *
 * <p>The process gets a fixed, pre-touched heap ({@code -Xms} = {@code -Xmx},
 * {@code -XX:+AlwaysPreTouch}), so its resident set does not move with the collector growing,
 * shrinking and re-touching the heap (G1 hands heap back after a full collection and takes it again
 * moments later, tens of MiB each time): what moves it is native memory, libtorch's included.
 * Its own process also keeps what earlier benchmarks in this JVM left behind out of the figures.
 *
 * <pre>{@code
 * MemoryBenchmark.Result r = new MemoryBenchmark(bundle, 100, MemoryBenchmark.Settings.minutes(10, 5000, 2),
 *         System.out).run();
 * System.out.println(r.flatness().verdict());
 * }</pre>
 */
public final class MemoryBenchmark {

    /** Default time between samples. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** Default warm-up left out of the trend: class loading, JIT compilation and pools filling up. */
    public static final Duration DEFAULT_WARMUP = Duration.ofMinutes(1);
    /** Default heap of the measured process: the job's live set after a collection is under 100 MiB. */
    public static final int DEFAULT_HEAP_MIB = 512;

    /**
     * How long and how hard to run.
     *
     * @param duration how long readings are sent (and samples taken)
     * @param interval time between samples
     * @param warmup samples before this are left out of the trend
     * @param rate readings per second
     * @param parallelism the job's parallelism
     * @param heapMib the measured process's fixed heap
     * @param tolerance the largest slopes still called flat
     */
    public record Settings(Duration duration, Duration interval, Duration warmup, double rate, int parallelism,
            int heapMib, MemoryFlatness.Tolerance tolerance) {

        /** Validates every field, and that at least two samples fall after the warm-up. */
        public Settings {
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(warmup, "warmup");
            Objects.requireNonNull(tolerance, "tolerance");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("sample interval must be > 0, got " + interval);
            }
            if (warmup.isNegative() || duration.compareTo(warmup.plus(interval.multipliedBy(2))) < 0) {
                throw new IllegalArgumentException("duration " + duration + " is shorter than the warm-up (" + warmup
                        + ") plus two sample intervals (" + interval + "): a trend needs two samples after the warm-up");
            }
            if (!(rate > 0) || parallelism < 1 || heapMib < 64) {
                throw new IllegalArgumentException("rate must be > 0 readings/s, parallelism >= 1 and heap >= 64 MiB,"
                        + " got " + rate + ", " + parallelism + " and " + heapMib);
            }
        }

        /** {@code minutes} long; default interval, warm-up, heap and tolerance. */
        public static Settings minutes(double minutes, double rate, int parallelism) {
            return new Settings(Duration.ofMillis((long) (minutes * 60_000)), DEFAULT_INTERVAL, DEFAULT_WARMUP, rate,
                    parallelism, DEFAULT_HEAP_MIB, MemoryFlatness.Tolerance.DEFAULT);
        }
    }

    /**
     * A finished run.
     *
     * @param settings what was asked for
     * @param load what the steady load did
     * @param samples every sample, warm-up included
     * @param flatness the trend after the warm-up
     */
    public record Result(Settings settings, EndToEndBenchmark.SteadyRun load,
            List<MemorySample> samples, MemoryFlatness flatness) {}

    private static final double MIB = 1024.0 * 1024.0;
    /** Lines of the measured process's log kept for the error message when it fails. */
    private static final int LOG_TAIL = 40;

    private final Path bundle;
    private final int sensors;
    private final Settings settings;
    private final PrintStream out;

    /**
     * A benchmark.
     *
     * @param bundle the time-series model the job serves
     * @param sensors how many sensors the readings are spread over
     * @param settings duration, rate and the rest
     * @param out where each sample and the process's log are printed
     */
    public MemoryBenchmark(Path bundle, int sensors, Settings settings, PrintStream out) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.sensors = sensors;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Starts the measured process, collects its samples until it ends, and fits the trend. */
    public Result run() throws Exception {
        Process process = new ProcessBuilder(command()).redirectErrorStream(true).start();
        List<MemorySample> samples = new ArrayList<>();
        EndToEndBenchmark.SteadyRun load = null;
        Deque<String> log = new ArrayDeque<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(MemoryRun.SAMPLE)) {
                    MemorySample s = MemoryRun.parseSample(line);
                    samples.add(s);
                    out.printf(Locale.ROOT, "  %6.0f s  heap %6.1f MiB (committed %6.1f)  non-heap %6.1f MiB  direct %6.1f"
                            + " MiB  RSS %7.1f MiB%n", s.seconds(), s.heapUsed() / MIB, s.heapCommitted() / MIB,
                            s.nonHeapUsed() / MIB, s.directUsed() / MIB, s.residentBytes() / MIB);
                } else if (line.startsWith(MemoryRun.LOAD)) {
                    load = MemoryRun.parseLoad(line);
                } else {
                    out.println("  | " + line);
                    log.addLast(line);
                    if (log.size() > LOG_TAIL) {
                        log.removeFirst();
                    }
                }
            }
        } finally {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (process.exitValue() != 0 || load == null) {
            throw new IllegalStateException("the measured process failed (exit " + process.exitValue() + ", "
                    + samples.size() + " samples); the end of its log:\n" + String.join("\n", log));
        }
        double warmupSeconds = settings.warmup().toMillis() / 1000.0;
        return new Result(settings, load, List.copyOf(samples),
                MemoryFlatness.of(samples, warmupSeconds, settings.tolerance()));
    }

    /** This JVM's java and class path, a fixed pre-touched heap, and this JVM's DJL and logging settings. */
    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms" + settings.heapMib() + "m");
        command.add("-Xmx" + settings.heapMib() + "m");
        command.add("-XX:+AlwaysPreTouch");
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(key -> key.startsWith("ai.djl.") || key.startsWith("log4j2."))
                .forEach(key -> command.add("-D" + key + "=" + System.getProperty(key)));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MemoryRun.class.getName());
        command.add(bundle.toAbsolutePath().toString());
        command.add(Integer.toString(sensors));
        command.add(Double.toString(settings.rate()));
        command.add(Integer.toString(settings.parallelism()));
        command.add(Long.toString(settings.duration().toMillis()));
        command.add(Long.toString(settings.interval().toMillis()));
        return command;
    }
}
