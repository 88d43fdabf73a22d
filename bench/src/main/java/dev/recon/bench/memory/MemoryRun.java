package dev.recon.bench.memory;

import dev.recon.bench.endtoend.EndToEndBenchmark;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The process {@link MemoryBenchmark} measures: the end-to-end job under a steady load, with a
 * {@link MemorySample} of this process every interval, printed to standard output one per line
 * ({@link #SAMPLE}), then what the load did ({@link #LOAD}). Nothing else runs in it, so its
 * resident set is the job's (broker and load generator included).
 *
 * <p>Usage: {@code MemoryRun BUNDLE SENSORS RATE PARALLELISM DURATION_MS INTERVAL_MS}.
 */
public final class MemoryRun {

    /** First word of a sample line: seconds, heap used, heap committed, non-heap, direct, resident (bytes). */
    static final String SAMPLE = "recon-memory-sample";
    /** First word of the last line: rate, parallelism, readings sent, windows scored, seconds. */
    static final String LOAD = "recon-memory-load";

    private MemoryRun() {}

    /** Runs the job and prints the samples; exits 1 when the run fails, 2 on bad arguments. */
    public static void main(String[] args) {
        if (args.length != 6) {
            System.err.println("usage: MemoryRun BUNDLE SENSORS RATE PARALLELISM DURATION_MS INTERVAL_MS, got "
                    + args.length + " arguments");
            System.exit(2);
        }
        // as bin/bench sets them, should the parent not have passed them on
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        try {
            Path bundle = Path.of(args[0]);
            int sensors = Integer.parseInt(args[1]);
            double rate = Double.parseDouble(args[2]);
            int parallelism = Integer.parseInt(args[3]);
            long durationNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[4]));
            long intervalNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[5]));
            EndToEndBenchmark e2e = new EndToEndBenchmark(bundle, bundle, sensors, System.out);
            EndToEndBenchmark.SteadyRun load = e2e.steady(rate, parallelism, () -> {
                long start = System.nanoTime();
                for (long due = start; due <= start + durationNanos; due += intervalNanos) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    System.out.println(line(MemorySample.take((System.nanoTime() - start) / 1e9)));
                }
                return null;
            });
            System.out.println(line(load));
            System.out.flush();
            System.exit(0); // Flink's and Kafka's non-daemon threads would keep the process alive
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** A sample as one line of output. */
    static String line(MemorySample s) {
        return String.format(Locale.ROOT, "%s %.3f %d %d %d %d %d", SAMPLE, s.seconds(), s.heapUsed(), s.heapCommitted(),
                s.nonHeapUsed(), s.directUsed(), s.residentBytes());
    }

    /** What the load did, as the last line of output. */
    static String line(EndToEndBenchmark.SteadyRun load) {
        return String.format(Locale.ROOT, "%s %s %d %d %d %.3f", LOAD, load.rate(), load.parallelism(), load.readings(),
                load.windowsScored(), load.seconds());
    }

    /** The sample a {@link #SAMPLE} line holds. */
    static MemorySample parseSample(String line) {
        String[] f = fields(line, SAMPLE, 7);
        return new MemorySample(Double.parseDouble(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]));
    }

    /** The load a {@link #LOAD} line holds. */
    static EndToEndBenchmark.SteadyRun parseLoad(String line) {
        String[] f = fields(line, LOAD, 6);
        return new EndToEndBenchmark.SteadyRun(Double.parseDouble(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Double.parseDouble(f[5]));
    }

    private static String[] fields(String line, String kind, int count) {
        String[] f = line.trim().split(" ");
        if (f.length != count || !f[0].equals(kind)) {
            throw new IllegalArgumentException("expected a '" + kind + "' line of " + count + " fields, got '" + line
                    + "'");
        }
        return f;
    }
}
