package dev.recon.model.window;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A whole recorded series put on a time grid by a {@link Resampler}: the offline counterpart of the
 * streaming job's time-mode windows ({@code recon score --resample}, training).
 *
 * <p>The points fall into segments separated by unfilled gaps; a window never spans two segments,
 * so a scorer restarts its window at each {@link #startsSegment segment start}, as the job does at a
 * {@link GridSink#windowBreak}.
 *
 * @param spec the grid and gap settings
 * @param timestamps grid time of each point, increasing, multiples of the step
 * @param rows values, {@code [point][channel]}
 * @param segmentStarts index of the first point of each segment, increasing, the first 0 (empty
 *     for an empty series)
 * @param filledPoints points filled forward
 * @param interpolatedPoints points interpolated
 */
public record GridSeries(ResampleSpec spec, long[] timestamps, double[][] rows, int[] segmentStarts,
        int filledPoints, int interpolatedPoints) {

    /** Checks the sizes. */
    public GridSeries {
        Objects.requireNonNull(spec, "spec");
        if (timestamps.length != rows.length) {
            throw new IllegalArgumentException(timestamps.length + " grid times for " + rows.length + " rows");
        }
        if (rows.length > 0 && (segmentStarts.length == 0 || segmentStarts[0] != 0)) {
            throw new IllegalArgumentException("the first segment must start at point 0, got "
                    + Arrays.toString(segmentStarts));
        }
    }

    /**
     * Resamples a recorded series. Readings are first put in timestamp order (a stable sort: readings
     * with equal timestamps keep their order, as the job keeps arrival order); the last cell is
     * emitted too, the series being complete.
     *
     * @param timestamps epoch milliseconds, one per row, in any order
     * @param rows raw values, {@code [row][channel]}, every row as wide as the first
     */
    public static GridSeries resample(long[] timestamps, double[][] rows, ResampleSpec spec) {
        if (timestamps.length != rows.length) {
            throw new IllegalArgumentException(timestamps.length + " timestamps but " + rows.length + " rows");
        }
        if (rows.length == 0) {
            return new GridSeries(spec, new long[0], new double[0][], new int[0], 0, 0);
        }
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> timestamps[i]));
        Collector collector = new Collector();
        Resampler resampler = new Resampler(spec, rows[0].length);
        for (int i : order) {
            if (rows[i].length != rows[0].length) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has "
                        + rows[0].length);
            }
            resampler.add(timestamps[i], rows[i], collector);
        }
        resampler.finish(collector);
        return new GridSeries(spec, collector.times.stream().mapToLong(Long::longValue).toArray(),
                collector.values.toArray(double[][]::new),
                collector.segmentStarts.stream().mapToInt(Integer::intValue).toArray(),
                collector.filled, collector.interpolated);
    }

    /** Number of grid points. */
    public int size() {
        return rows.length;
    }

    /** Unfilled gaps: segments minus one. */
    public int breaks() {
        return Math.max(0, segmentStarts.length - 1);
    }

    /** Whether a window must start afresh at point {@code i} (the first point, or the first after a gap). */
    public boolean startsSegment(int i) {
        return Arrays.binarySearch(segmentStarts, i) >= 0;
    }

    /** Gathers the resampler's output into lists. */
    private static final class Collector implements GridSink {
        final List<Long> times = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();
        final List<Integer> segmentStarts = new ArrayList<>(List.of(0));
        int filled;
        int interpolated;

        @Override
        public void point(long time, double[] v, Origin origin) {
            times.add(time);
            values.add(v.clone());
            filled += origin == Origin.FILLED ? 1 : 0;
            interpolated += origin == Origin.INTERPOLATED ? 1 : 0;
        }

        @Override
        public void windowBreak(long lastPoint, long nextPoint, long missingPoints) {
            segmentStarts.add(times.size());
        }
    }
}
