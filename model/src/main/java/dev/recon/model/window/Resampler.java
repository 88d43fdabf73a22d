package dev.recon.model.window;

import java.io.Serializable;
import java.util.Objects;

/**
 * Puts one sensor's readings, given in event-time order at irregular times, on a fixed grid of
 * {@link ResampleSpec#stepMs()} milliseconds aligned to the epoch.
 *
 * <p>Grid point {@code g} owns the cell {@code (g - step, g]}. It takes the value of the last
 * reading in its cell, that is the newest reading at or before {@code g} (of readings with equal
 * timestamps, the one added last). A point whose cell is empty is a gap: {@link GapPolicy#FILL_FORWARD}
 * gives it the last reading before it, {@link GapPolicy#INTERPOLATE} the straight line between the
 * last reading before it and the first after it, evaluated at {@code g}; {@link GapPolicy#BREAK}, and
 * any run of more than {@link ResampleSpec#maxGapSteps()} empty points, emits nothing for the gap and
 * reports a {@link GridSink#windowBreak}. The first point is the cell of the first reading: nothing is
 * invented before it.
 *
 * <p>Points are emitted once final. A point is final when a reading beyond its cell arrives (which is
 * also when the length of a gap after it, and so its filling, is known), or when {@link #closeUpTo}
 * says no reading at or before its time can come any more (the watermark passed it, or the input
 * ended: {@link #finish}). Readings must come in non-decreasing time order and after the last emitted
 * point ({@link #earliestAccepted()}); the caller reorders them and rejects late ones.
 *
 * <p>The state is a few numbers and the last reading's values, so the Flink job keeps one resampler
 * per sensor in keyed state (the bean accessors exist for Flink's POJO serializer; it is also
 * {@link Serializable}). The same class resamples offline ({@link GridSeries}), so streamed and
 * offline grids are equal, value for value.
 */
public final class Resampler implements Serializable {

    private static final long serialVersionUID = 1L;

    private long stepMs;
    private GapPolicy gapPolicy;
    private int maxGapSteps;
    private int channels;
    /** The newest reading's values, or {@code null} before the first. */
    private double[] lastValues;
    private long lastTimestamp = Long.MIN_VALUE;
    /** Grid time of the newest emitted point, or {@code Long.MIN_VALUE} before the first. */
    private long lastPoint = Long.MIN_VALUE;
    /** Values of filled or interpolated points: not state. */
    private transient double[] scratch;

    /** For serialisers only. */
    public Resampler() {}

    /** An empty resampler for readings of {@code channels} values. */
    public Resampler(ResampleSpec spec, int channels) {
        Objects.requireNonNull(spec, "spec");
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        this.stepMs = spec.stepMs();
        this.gapPolicy = spec.gapPolicy();
        this.maxGapSteps = spec.maxGapSteps();
        this.channels = channels;
    }

    /** The grid and gap settings. */
    public ResampleSpec spec() {
        return new ResampleSpec(stepMs, gapPolicy, maxGapSteps);
    }

    /**
     * Whether this resampler puts readings of {@code readingChannels} values on the same grid as
     * {@code spec} (a restored one may not, after the step or the model changed). The gap settings
     * may differ: they apply from the next gap on.
     */
    public boolean fits(ResampleSpec spec, int readingChannels) {
        return stepMs == spec.stepMs() && channels == readingChannels;
    }

    /** Takes the gap settings of {@code spec} (same step) for gaps from now on. */
    public void updateGapSettings(ResampleSpec spec) {
        if (spec.stepMs() != stepMs) {
            throw new IllegalArgumentException("cannot change the grid step from " + stepMs + " to "
                    + spec.stepMs() + " ms of a running resampler; start a new one");
        }
        gapPolicy = spec.gapPolicy();
        maxGapSteps = spec.maxGapSteps();
    }

    /**
     * The smallest timestamp {@link #add} accepts: the newest reading's ({@code Long.MIN_VALUE}
     * before the first), or just after the newest emitted point when that is later.
     */
    public long earliestAccepted() {
        if (lastValues == null) {
            return Long.MIN_VALUE;
        }
        return lastPoint >= lastTimestamp ? lastPoint + 1 : lastTimestamp;
    }

    /** Timestamp of the newest reading added ({@code Long.MIN_VALUE} before the first). */
    public long lastReadingTimestamp() {
        return lastTimestamp;
    }

    /** Grid time of the newest emitted point ({@code Long.MIN_VALUE} before the first). */
    public long lastPointTime() {
        return lastPoint;
    }

    /** Grid time of the cell still open (its point not yet emitted), or {@code Long.MIN_VALUE} if none. */
    public long openPointTime() {
        if (lastValues == null) {
            return Long.MIN_VALUE;
        }
        long open = gridTimeOf(lastTimestamp);
        return open > lastPoint ? open : Long.MIN_VALUE;
    }

    /**
     * Adds a reading, emitting to {@code out} every point it makes final and a break if the gap
     * before it is not filled.
     *
     * @param values one raw value per channel (copied)
     * @throws IllegalArgumentException for a reading before {@link #earliestAccepted()} or of the wrong width
     */
    public void add(long timestamp, double[] values, GridSink out) {
        if (values.length != channels) {
            throw new IllegalArgumentException("expected " + channels + " channel values, got " + values.length);
        }
        if (timestamp < earliestAccepted()) {
            throw new IllegalArgumentException("reading at " + timestamp + " is out of order: the resampler has"
                    + " a reading at " + lastTimestamp + " and emitted grid points up to " + lastPoint
                    + "; expected timestamps from " + earliestAccepted() + " on");
        }
        long cell = gridTimeOf(timestamp);
        if (lastValues == null) {
            lastValues = new double[channels];
        } else {
            long open = gridTimeOf(lastTimestamp);
            // cell > open: the reading starts a new cell, so the open one is final and the gap known.
            if (cell != open) {
                if (open > lastPoint) {
                    emit(open, lastValues, GridSink.Origin.READING, out);
                }
                fillGap(cell, timestamp, values, out);
            }
        }
        System.arraycopy(values, 0, lastValues, 0, channels);
        lastTimestamp = timestamp;
    }

    /**
     * Emits the open cell's point if its grid time is at or before {@code time}: the caller knows
     * no reading at or before {@code time} will come any more (the watermark passed it). Gaps after
     * it stay undecided until the next reading shows how long they are.
     */
    public void closeUpTo(long time, GridSink out) {
        long open = openPointTime();
        if (open != Long.MIN_VALUE && open <= time) {
            emit(open, lastValues, GridSink.Origin.READING, out);
        }
    }

    /** End of input: emits the open cell's point (offline, where the series is complete). */
    public void finish(GridSink out) {
        closeUpTo(Long.MAX_VALUE, out);
    }

    /** The empty cells between the last point and {@code cell}, the cell of the reading at {@code timestamp}. */
    private void fillGap(long cell, long timestamp, double[] values, GridSink out) {
        long missing = (cell - lastPoint) / stepMs - 1;
        if (missing == 0) {
            return;
        }
        if (gapPolicy == GapPolicy.BREAK || missing > maxGapSteps) {
            out.windowBreak(lastPoint, cell, missing);
            return;
        }
        if (scratch == null || scratch.length != channels) {
            scratch = new double[channels];
        }
        double span = timestamp - lastTimestamp;
        for (long g = lastPoint + stepMs; g < cell; g += stepMs) {
            if (gapPolicy == GapPolicy.FILL_FORWARD) {
                System.arraycopy(lastValues, 0, scratch, 0, channels);
                emit(g, scratch, GridSink.Origin.FILLED, out);
            } else {
                // lastTimestamp <= lastPoint < g < cell - step < timestamp, so 0 < fraction < 1.
                double fraction = (g - lastTimestamp) / span;
                for (int c = 0; c < channels; c++) {
                    scratch[c] = lastValues[c] + (values[c] - lastValues[c]) * fraction;
                }
                emit(g, scratch, GridSink.Origin.INTERPOLATED, out);
            }
        }
    }

    private void emit(long time, double[] values, GridSink.Origin origin, GridSink out) {
        lastPoint = time;
        out.point(time, values, origin);
    }

    private long gridTimeOf(long timestamp) {
        return Math.multiplyExact(-Math.floorDiv(-timestamp, stepMs), stepMs);
    }

    @Override
    public String toString() {
        return "Resampler{" + spec().describe() + ", channels=" + channels + ", lastReading=" + lastTimestamp
                + ", lastPoint=" + lastPoint + "}";
    }

    // Bean accessors for Flink's POJO serializer.

    public long getStepMs() {
        return stepMs;
    }

    public void setStepMs(long stepMs) {
        this.stepMs = stepMs;
    }

    public GapPolicy getGapPolicy() {
        return gapPolicy;
    }

    public void setGapPolicy(GapPolicy gapPolicy) {
        this.gapPolicy = gapPolicy;
    }

    public int getMaxGapSteps() {
        return maxGapSteps;
    }

    public void setMaxGapSteps(int maxGapSteps) {
        this.maxGapSteps = maxGapSteps;
    }

    public int getChannels() {
        return channels;
    }

    public void setChannels(int channels) {
        this.channels = channels;
    }

    public double[] getLastValues() {
        return lastValues;
    }

    public void setLastValues(double[] lastValues) {
        this.lastValues = lastValues;
    }

    public long getLastTimestamp() {
        return lastTimestamp;
    }

    public void setLastTimestamp(long lastTimestamp) {
        this.lastTimestamp = lastTimestamp;
    }

    public long getLastPoint() {
        return lastPoint;
    }

    public void setLastPoint(long lastPoint) {
        this.lastPoint = lastPoint;
    }
}
