package dev.recon.operators.window;

import dev.recon.operators.types.RawWindow;

/**
 * The last {@code length} released readings of one sensor, raw, and when the next window is due.
 *
 * <p>The same due rule as {@link dev.recon.model.window.SlidingWindowBuffer} (first at the reading
 * that fills the window, then every {@code stride} readings), so streamed windows are the windows
 * {@code recon score} scores. Values stay doubles until the scorer normalises them, as offline.
 *
 * <p>Bean accessors are for Flink's POJO serializer (keyed state); callers use {@link #add}.
 */
public final class ReadingRing {

    private int length;
    private int channels;
    private int stride;
    private double[] values;
    private long[] timestamps;
    private long count;
    private long lastTs = Long.MIN_VALUE;

    /** For serialisers only. */
    public ReadingRing() {}

    /** An empty ring for windows of {@code length} steps of {@code channels} values. */
    public ReadingRing(int length, int channels, int stride) {
        this.length = length;
        this.channels = channels;
        this.stride = stride;
        this.values = new double[length * channels];
        this.timestamps = new long[length];
    }

    /** Appends a reading (not earlier than {@link #getLastTs()}); true when a window ending here is due. */
    public boolean add(long ts, double[] raw) {
        int slot = (int) (count % length);
        System.arraycopy(raw, 0, values, slot * channels, channels);
        timestamps[slot] = ts;
        lastTs = ts;
        count++;
        return count >= length && (count - length) % stride == 0;
    }

    /** The current window, oldest step first. */
    public RawWindow window(String sensorId) {
        long[] ts = new long[length];
        double[] v = new double[length * channels];
        int oldest = (int) (count % length);
        int head = length - oldest;
        System.arraycopy(timestamps, oldest, ts, 0, head);
        System.arraycopy(timestamps, 0, ts, head, oldest);
        System.arraycopy(values, oldest * channels, v, 0, head * channels);
        System.arraycopy(values, 0, v, head * channels, oldest * channels);
        return new RawWindow(sensorId, ts, v);
    }

    /** Whether this ring fits windows of the given shape (a restored ring may not, after a model change). */
    public boolean fits(int windowLength, int windowChannels) {
        return length == windowLength && channels == windowChannels;
    }

    public int getLength() {
        return length;
    }

    public void setLength(int length) {
        this.length = length;
    }

    public int getChannels() {
        return channels;
    }

    public void setChannels(int channels) {
        this.channels = channels;
    }

    public int getStride() {
        return stride;
    }

    public void setStride(int stride) {
        this.stride = stride;
    }

    public double[] getValues() {
        return values;
    }

    public void setValues(double[] values) {
        this.values = values;
    }

    public long[] getTimestamps() {
        return timestamps;
    }

    public void setTimestamps(long[] timestamps) {
        this.timestamps = timestamps;
    }

    public long getCount() {
        return count;
    }

    public void setCount(long count) {
        this.count = count;
    }

    /** Timestamp of the newest released reading ({@code Long.MIN_VALUE} before the first). */
    public long getLastTs() {
        return lastTs;
    }

    public void setLastTs(long lastTs) {
        this.lastTs = lastTs;
    }
}
