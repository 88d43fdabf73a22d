package dev.recon.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;

/**
 * A histogram with fixed bucket bounds, exported to Prometheus as a histogram ({@code _bucket},
 * {@code _sum}, {@code _count}) so that quantiles can be aggregated over subtasks and time.
 *
 * <p>{@link #observe(double)} does a binary search over the bounds and two atomic additions: no
 * allocation, whatever the value. It may be called from one thread while another (the reporter)
 * reads. Flink's {@link Histogram#update(long)} observes the value as a double.
 *
 * <pre>{@code
 * BucketHistogram latency = group.histogram("recon_inference_latency_seconds",
 *         new BucketHistogram(BucketHistogram.exponential(0.0001, 2, 16)));
 * latency.observe(seconds);
 * }</pre>
 */
public final class BucketHistogram implements Histogram {

    private final double[] upperBounds;
    /** counts[i]: observations in bucket i (not cumulative); the last bucket is +Inf. */
    private final AtomicLongArray counts;
    private final DoubleAdder sum = new DoubleAdder();

    /**
     * A histogram with these bucket upper bounds (inclusive, as Prometheus' {@code le}); a +Inf bucket is
     * added.
     *
     * @throws IllegalArgumentException if the bounds are empty, not finite or not strictly increasing
     */
    public BucketHistogram(double... upperBounds) {
        if (upperBounds == null || upperBounds.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one bucket bound");
        }
        for (int i = 0; i < upperBounds.length; i++) {
            if (!Double.isFinite(upperBounds[i]) || (i > 0 && upperBounds[i] <= upperBounds[i - 1])) {
                throw new IllegalArgumentException("bucket bounds must be finite and strictly increasing, got "
                        + Arrays.toString(upperBounds));
            }
        }
        this.upperBounds = upperBounds.clone();
        this.counts = new AtomicLongArray(upperBounds.length + 1);
    }

    /** {@code count} bounds {@code start, start*factor, start*factor^2, ...}. */
    public static double[] exponential(double start, double factor, int count) {
        if (start <= 0 || factor <= 1 || count < 1) {
            throw new IllegalArgumentException("exponential buckets need start > 0, factor > 1 and count >= 1, got "
                    + start + ", " + factor + ", " + count);
        }
        double[] bounds = new double[count];
        double bound = start;
        for (int i = 0; i < count; i++) {
            bounds[i] = bound;
            bound *= factor;
        }
        return bounds;
    }

    /** Counts one observation; NaN is counted in the +Inf bucket and not added to the sum. */
    public void observe(double value) {
        int bucket = Arrays.binarySearch(upperBounds, value);
        if (bucket < 0) {
            bucket = -bucket - 1; // first bound above the value; upperBounds.length for +Inf and NaN
        }
        counts.incrementAndGet(bucket);
        if (!Double.isNaN(value)) {
            sum.add(value);
        }
    }

    @Override
    public void update(long value) {
        observe(value);
    }

    /** The bucket upper bounds, without +Inf. */
    public double[] upperBounds() {
        return upperBounds.clone();
    }

    /** Cumulative counts per bucket, parallel to {@link #upperBounds()} plus a last entry for +Inf. */
    public long[] cumulativeCounts() {
        long[] cumulative = new long[counts.length()];
        long running = 0;
        for (int i = 0; i < cumulative.length; i++) {
            running += counts.get(i);
            cumulative[i] = running;
        }
        return cumulative;
    }

    /** Sum of the observed values. */
    public double sum() {
        return sum.sum();
    }

    @Override
    public long getCount() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** Statistics estimated from the buckets (for reporters other than recon's). */
    @Override
    public HistogramStatistics getStatistics() {
        return new Statistics(upperBounds, cumulativeCounts(), sum());
    }

    /** Bucket-resolution statistics: a quantile is the upper bound of the bucket it falls in. */
    private static final class Statistics extends HistogramStatistics {
        private final double[] bounds;
        private final long[] cumulative;
        private final double sum;

        Statistics(double[] bounds, long[] cumulative, double sum) {
            this.bounds = bounds;
            this.cumulative = cumulative;
            this.sum = sum;
        }

        private long count() {
            return cumulative[cumulative.length - 1];
        }

        private double bound(int bucket) {
            return bucket < bounds.length ? bounds[bucket] : bounds[bounds.length - 1];
        }

        @Override
        public double getQuantile(double quantile) {
            long rank = (long) Math.ceil(quantile * count());
            for (int i = 0; i < cumulative.length; i++) {
                if (cumulative[i] >= rank && cumulative[i] > 0) {
                    return bound(i);
                }
            }
            return 0;
        }

        @Override
        public long[] getValues() {
            return new long[0];
        }

        @Override
        public int size() {
            return (int) Math.min(Integer.MAX_VALUE, count());
        }

        @Override
        public double getMean() {
            return count() == 0 ? 0 : sum / count();
        }

        @Override
        public double getStdDev() {
            return 0;
        }

        @Override
        public long getMax() {
            return (long) getQuantile(1.0);
        }

        @Override
        public long getMin() {
            return (long) getQuantile(0.0);
        }
    }
}
