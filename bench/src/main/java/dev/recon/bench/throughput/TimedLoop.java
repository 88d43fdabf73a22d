package dev.recon.bench.throughput;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a unit of work for a warm-up, then for the measured time, and reports windows per second. */
final class TimedLoop {

    /** One unit of work: returns {windows done, a value to keep the JIT honest}. */
    interface Step {
        long[] run() throws Exception;
    }

    private final ScoringThroughput.Duration timing;

    TimedLoop(ScoringThroughput.Duration timing) {
        this.timing = timing;
    }

    /** Runs {@code step} for the warm-up then the measured time; windows per second. */
    double windowsPerSecond(Step step) throws Exception {
        long warmEnd = System.nanoTime() + timing.warmupMillis() * 1_000_000;
        long sink = 0;
        while (System.nanoTime() < warmEnd) {
            sink ^= step.run()[1];
        }
        long windows = 0;
        long start = System.nanoTime();
        long end = start + timing.measureMillis() * 1_000_000;
        long now;
        do {
            long[] r = step.run();
            windows += r[0];
            sink ^= r[1];
        } while ((now = System.nanoTime()) < end);
        if (sink == 42) {
            System.out.print(""); // consumes sink
        }
        return windows / ((now - start) / 1e9);
    }

    /** Runs {@code perThread} on {@code threads} threads at once; the sum of their rates. */
    static double acrossThreads(int threads, Callable<Double> perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Double>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(perThread));
            }
            double total = 0;
            for (Future<Double> f : futures) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }
}
