package dev.recon.model.window;

/**
 * The last {@code length} readings of one sensor, raw, and when the next window is due.
 *
 * <p>A window is due at the reading that completes the first full window and then every
 * {@code stride} readings, so windows align with the first reading whether the series is scored
 * offline ({@code recon score}, training) or streamed (the Flink job keeps one buffer per sensor in
 * keyed state): both use this class, so they cut the same windows. Values stay raw doubles until a
 * window is copied out through the model's {@link ZScoreNormalizer}, step-major
 * ({@code [step][channel]}), which is the flattened layout the models consume.
 *
 * <p>The bean accessors exist so Flink can keep a buffer in keyed state with its POJO serializer;
 * callers use {@link #add}, {@link #copyWindow} and the timestamp accessors.
 */
public final class SlidingWindowBuffer {

    private int length;
    private int channels;
    private int stride;
    private double[] values;
    private long[] timestamps;
    private long count;

    /** For serialisers only. */
    public SlidingWindowBuffer() {}

    /** An empty buffer for windows of {@code length} steps of {@code channels} values. */
    public SlidingWindowBuffer(int length, int channels, int stride) {
        if (length < 1 || channels < 1 || stride < 1) {
            throw new IllegalArgumentException(
                    "length, channels and stride must be >= 1, got length=" + length
                            + " channels=" + channels + " stride=" + stride);
        }
        this.length = length;
        this.channels = channels;
        this.stride = stride;
        this.values = new double[length * channels];
        this.timestamps = new long[length];
    }

    /**
     * Appends a reading's raw values (copied).
     *
     * @return true when a window ending at this reading is due
     */
    public boolean add(long timestamp, double[] raw) {
        if (raw.length != channels) {
            throw new IllegalArgumentException(
                    "expected " + channels + " channel values, got " + raw.length);
        }
        int slot = (int) (count % length);
        System.arraycopy(raw, 0, values, slot * channels, channels);
        timestamps[slot] = timestamp;
        count++;
        return count >= length && (count - length) % stride == 0;
    }

    /** Whether the buffer holds a full window. */
    public boolean isFull() {
        return count >= length;
    }

    /** Whether this buffer holds windows of the given shape (a restored one may not, after a model change). */
    public boolean fits(int windowLength, int windowChannels) {
        return length == windowLength && channels == windowChannels;
    }

    /** Copies the current window, oldest step first, normalised into {@code out[offset ..]}. */
    public void copyWindow(ZScoreNormalizer normalizer, float[] out, int offset) {
        requireFull();
        int oldest = (int) (count % length);
        // The ring in two runs: oldest slot to the end of the array, then its start.
        normalizer.normalizeSteps(values, oldest * channels, length - oldest, out, offset);
        normalizer.normalizeSteps(values, 0, oldest, out, offset + (length - oldest) * channels);
    }

    /** The current window's raw values, oldest step first, as a new array. */
    public double[] rawWindow() {
        requireFull();
        double[] out = new double[length * channels];
        int oldest = (int) (count % length);
        int head = (length - oldest) * channels;
        System.arraycopy(values, oldest * channels, out, 0, head);
        System.arraycopy(values, 0, out, head, oldest * channels);
        return out;
    }

    /** The current window's timestamps, oldest first, as a new array. */
    public long[] windowTimestamps() {
        requireFull();
        long[] out = new long[length];
        int oldest = (int) (count % length);
        System.arraycopy(timestamps, oldest, out, 0, length - oldest);
        System.arraycopy(timestamps, 0, out, length - oldest, oldest);
        return out;
    }

    /** Timestamp of step {@code step} of the current window (0 = oldest). */
    public long timestampAt(int step) {
        requireFull();
        return timestamps[(int) ((count + step) % length)];
    }

    /** Timestamp of the oldest reading in the current window. */
    public long windowStart() {
        return timestampAt(0);
    }

    /** Timestamp of the newest reading in the current window. */
    public long windowEnd() {
        return timestampAt(length - 1);
    }

    /** Timestamp of the newest reading added ({@code Long.MIN_VALUE} before the first). */
    public long lastTimestamp() {
        return count == 0 ? Long.MIN_VALUE : timestamps[(int) ((count - 1) % length)];
    }

    private void requireFull() {
        if (count < length) {
            throw new IllegalStateException(
                    "window not full yet: " + count + " of " + length + " readings");
        }
    }

    // Bean accessors for Flink's POJO serializer.

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
}
