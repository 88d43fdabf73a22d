package dev.recon.model.scoring;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;

/**
 * The onset of a stream of severities (score / threshold): each severity over the highest of the
 * {@code lookBack} severities before it, and over at least 1 (the threshold).
 *
 * <pre>{@code
 * onset = severity / max(1, max(previous lookBack severities))
 * }</pre>
 *
 * <p>With stride-1 windows one unusual reading stays in {@code window} consecutive windows, so a
 * window score repeats every anomaly {@code window} times and goes on scoring high as long as an
 * anomalous level lasts. The onset scores what is new: above 1 only where the severity exceeds
 * the threshold and everything of the last {@code lookBack} windows; use the windows per reading
 * ({@code window / stride}) as {@code lookBack}.
 *
 * <p>The maximum over the look-back is kept in a monotone queue (amortised {@code O(1)} per
 * update, at most {@code lookBack} entries). Not thread-safe; keep one per stream. Serializable,
 * for keyed state.
 */
public final class SeverityOnset implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int lookBack;
    // A ring of (position, severity) pairs with decreasing severities: the head is the maximum of
    // the look-back, and a new severity removes every smaller one behind it, which can never be a
    // maximum again.
    private final long[] positions;
    private final double[] values;
    private int head;
    private int size;
    private long count;

    /**
     * An onset over the {@code lookBack} previous severities.
     *
     * @param lookBack severities before the current one that it must exceed; at least 1
     */
    public SeverityOnset(int lookBack) {
        if (lookBack < 1) {
            throw new IllegalArgumentException("invalid lookBack: " + lookBack + " (expected >= 1 severities)");
        }
        this.lookBack = lookBack;
        this.positions = new long[lookBack];
        this.values = new double[lookBack];
    }

    /**
     * Adds the next severity and returns its onset.
     *
     * @param severity score / threshold, finite and not negative
     * @return the severity over the maximum of 1 and the previous {@code lookBack} severities
     */
    public double update(double severity) {
        if (!(severity >= 0) || !Double.isFinite(severity)) {
            throw new IllegalArgumentException("severity must be finite and >= 0, got " + severity);
        }
        double recentMax = size == 0 ? 0 : values[head];
        double onset = severity / Math.max(1, recentMax);
        if (size > 0 && positions[head] == count - lookBack) {
            // leaves the look-back of the next severity
            head = (head + 1) % lookBack;
            size--;
        }
        while (size > 0 && values[(head + size - 1) % lookBack] <= severity) {
            size--;
        }
        // what is left lies within the last lookBack - 1 positions, so there is room
        int tail = (head + size) % lookBack;
        positions[tail] = count;
        values[tail] = severity;
        size++;
        count++;
        return onset;
    }

    /** Severities seen so far. */
    public long count() {
        return count;
    }

    /** The look-back, in severities. */
    public int lookBack() {
        return lookBack;
    }

    /** Writes the whole state (look-back, count, the queue from its head) for {@link #readFrom}. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(lookBack);
        out.writeLong(count);
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            int at = (head + i) % lookBack;
            out.writeLong(positions[at]);
            out.writeDouble(values[at]);
        }
    }

    /** Reads a state written by {@link #writeTo}; it continues exactly where the written one was. */
    public static SeverityOnset readFrom(DataInput in) throws IOException {
        SeverityOnset onset = new SeverityOnset(in.readInt());
        onset.count = in.readLong();
        int size = in.readInt();
        if (size < 0 || size > onset.lookBack) {
            throw new IOException("corrupt onset state: " + size + " queued severities for a look-back of "
                    + onset.lookBack);
        }
        for (int i = 0; i < size; i++) {
            onset.positions[i] = in.readLong();
            onset.values[i] = in.readDouble();
        }
        onset.size = size;
        return onset;
    }
}
