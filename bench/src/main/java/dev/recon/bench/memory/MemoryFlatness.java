package dev.recon.bench.memory;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Whether memory stayed flat over a run: for each figure of the {@link MemorySample}s taken after
 * the warm-up, the first, last and largest value and the least-squares slope per minute; flat when
 * the heap's and the resident set's slopes are both within the {@link Tolerance}.
 *
 * <p>The slope, not last minus first, decides: one sample taken during a burst (a Kafka segment
 * roll, a checkpoint) moves the end points but hardly the fitted line, while a leak moves it by the
 * leaked bytes per minute however noisy the samples are.
 *
 * @param warmupSeconds samples before this time were left out (class loading, JIT, pools filling)
 * @param samples how many samples the trend was fitted to
 * @param heap heap used after a full collection
 * @param heapCommitted heap committed
 * @param nonHeap non-heap memory
 * @param direct direct buffers
 * @param resident the process's resident set; null where it could not be read
 * @param tolerance the largest slopes still called flat
 */
public record MemoryFlatness(double warmupSeconds, int samples, Trend heap, Trend heapCommitted, Trend nonHeap,
        Trend direct, Trend resident, Tolerance tolerance) {

    /**
     * The largest growth still called flat, in MiB per minute.
     *
     * @param heapMibPerMinute heap after a full collection
     * @param residentMibPerMinute the process's resident set
     */
    public record Tolerance(double heapMibPerMinute, double residentMibPerMinute) {

        /**
         * 1 MiB/min of heap and 4 MiB/min of resident set. Leaking one batch's arrays per forward
         * pass (64 windows of 64 floats, 16 KiB) at 5,000 windows/s grows the heap or the resident
         * set by about 75 MiB per minute; on a flat run the slopes stay well within these (the
         * resident set keeps slack for the JIT's code cache, still growing after the first minute).
         */
        public static final Tolerance DEFAULT = new Tolerance(1, 4);

        /** Validates that both are positive. */
        public Tolerance {
            if (!(heapMibPerMinute > 0) || !(residentMibPerMinute > 0)) {
                throw new IllegalArgumentException("tolerances must be > 0 MiB/min, got heap " + heapMibPerMinute
                        + " and resident " + residentMibPerMinute);
            }
        }
    }

    /**
     * One figure's values after the warm-up, in bytes, and its fitted slope.
     *
     * @param first the first value after the warm-up
     * @param last the last value
     * @param max the largest value
     * @param slopePerMinute least-squares slope in bytes per minute
     */
    public record Trend(long first, long last, long max, double slopePerMinute) {}

    private static final double MIB = 1024.0 * 1024.0;

    /** Analyses {@code all}, leaving out samples taken before {@code warmupSeconds}. */
    public static MemoryFlatness of(List<MemorySample> all, double warmupSeconds, Tolerance tolerance) {
        Objects.requireNonNull(tolerance, "tolerance");
        List<MemorySample> kept = all.stream().filter(s -> s.seconds() >= warmupSeconds).toList();
        if (kept.size() < 2) {
            throw new IllegalArgumentException("a trend needs at least 2 samples after the warm-up of "
                    + warmupSeconds + " s, got " + kept.size() + " of " + all.size() + ": run longer");
        }
        boolean residentKnown = kept.stream().allMatch(s -> s.residentBytes() >= 0);
        return new MemoryFlatness(warmupSeconds, kept.size(), trend(kept, MemorySample::heapUsed),
                trend(kept, MemorySample::heapCommitted), trend(kept, MemorySample::nonHeapUsed),
                trend(kept, MemorySample::directUsed),
                residentKnown ? trend(kept, MemorySample::residentBytes) : null, tolerance);
    }

    /** Whether heap and resident set grew no faster than the tolerances (the heap alone without a resident set). */
    public boolean flat() {
        return heapFlat() && (resident == null || residentFlat());
    }

    /** A sentence saying whether memory was flat, with the slopes and tolerances it compared. */
    public String verdict() {
        String heapPart = String.format(Locale.ROOT, "heap %+.2f MiB/min (tolerance %.1f)",
                heap.slopePerMinute() / MIB, tolerance.heapMibPerMinute());
        String residentPart = resident == null ? "resident set not measured (no /proc/self/status)"
                : String.format(Locale.ROOT, "resident set %+.2f MiB/min (tolerance %.1f)",
                        resident.slopePerMinute() / MIB, tolerance.residentMibPerMinute());
        return (flat() ? "**Flat**: " : "**Growing**: ") + heapPart + ", " + residentPart + ".";
    }

    private boolean heapFlat() {
        return heap.slopePerMinute() / MIB <= tolerance.heapMibPerMinute();
    }

    private boolean residentFlat() {
        return resident.slopePerMinute() / MIB <= tolerance.residentMibPerMinute();
    }

    private static Trend trend(List<MemorySample> samples, ToLongFunction<MemorySample> figure) {
        double[] minutes = samples.stream().mapToDouble(s -> s.seconds() / 60).toArray();
        double[] values = samples.stream().mapToDouble(figure::applyAsLong).toArray();
        long max = samples.stream().mapToLong(figure).max().orElseThrow();
        return new Trend(figure.applyAsLong(samples.get(0)), figure.applyAsLong(samples.get(samples.size() - 1)), max,
                slope(minutes, values));
    }

    /** The least-squares slope of {@code y} over {@code x}: {@code sum((x - mx)(y - my)) / sum((x - mx)^2)}. */
    static double slope(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a slope needs two or more (x, y) pairs, got " + x.length + " x and "
                    + y.length + " y");
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("a slope needs samples at two or more different times");
        }
        return sxy / sxx;
    }
}
