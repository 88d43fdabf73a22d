package dev.recon.model.scoring;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The highest severity a stream had at the same time of an earlier period (a day, a week), as the
 * reference an onset must also exceed: an error as high as at this hour yesterday or last week is a
 * recurring pattern that a window shorter than the period cannot see, not a new one.
 *
 * <pre>{@code
 * reference(t) = max over periods P of max{ severity(u) : u within t - P +- h }
 * }</pre>
 *
 * <p>{@code h} is a quarter of the first window's duration (its readings' time span), so the same
 * phase of an earlier period is searched about as widely as an onset looks back in time. Severities
 * are kept as the maximum per time slot of {@code h / 2} (at least the longest period over
 * {@link #MAX_SLOTS}) in a ring that spans the longest period: memory is bounded whatever the
 * sampling rate (at most {@value #MAX_SLOTS} doubles), and slots are aligned to absolute time, so a
 * query covers {@code h} to {@code 1.5 h} on either side. A slot no severity fell into (a gap, or
 * before the stream's history reaches back a period) adds nothing. Not thread-safe; keep one per
 * stream. Serializable, for keyed state.
 */
public final class SeasonalMaxima implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The most slots kept, whatever the periods and the sampling rate. */
    public static final int MAX_SLOTS = 4096;

    private final long[] periodsMs;
    /** 0 until the first severity fixes the slot width and the half-width. */
    private long slotMs;
    private long halfWidthMs;
    private double[] maxima;
    /** The newest slot written (absolute: timestamp / slotMs); the ring holds the slots just before it. */
    private long newestSlot;

    /**
     * Maxima for references one or more {@code periodsMs} back.
     *
     * @param periodsMs the periods, in milliseconds, each at least 1; not empty
     */
    public SeasonalMaxima(long[] periodsMs) {
        if (periodsMs.length == 0) {
            throw new IllegalArgumentException("at least one period is needed");
        }
        for (long p : periodsMs) {
            if (p < 1) {
                throw new IllegalArgumentException("a period must be >= 1 ms, got " + p);
            }
        }
        this.periodsMs = periodsMs.clone();
    }

    /**
     * The reference for a window ending at {@code timestampMs}: the highest severity of the slots
     * around {@code timestampMs - P} for each period {@code P}; 0 where none is known.
     */
    public double reference(long timestampMs) {
        if (maxima == null) {
            return 0;
        }
        double reference = 0;
        for (long period : periodsMs) {
            long from = Math.floorDiv(timestampMs - period - halfWidthMs, slotMs);
            long to = Math.floorDiv(timestampMs - period + halfWidthMs, slotMs);
            for (long slot = Math.max(from, newestSlot - maxima.length + 1); slot <= Math.min(to, newestSlot); slot++) {
                reference = Math.max(reference, maxima[ringIndex(slot)]);
            }
        }
        return reference;
    }

    /**
     * Records the severity of a window ending at {@code timestampMs} that spans {@code durationMs}
     * (its first and last readings' time apart); the first call fixes the slots from that duration.
     * A timestamp older than the ring is ignored.
     */
    public void add(long timestampMs, long durationMs, double severity) {
        if (maxima == null) {
            start(timestampMs, durationMs);
        }
        long slot = Math.floorDiv(timestampMs, slotMs);
        if (slot > newestSlot) {
            // slots passed over (a gap) must not keep the values of a lap ago
            for (long s = newestSlot + 1; s <= Math.min(slot, newestSlot + maxima.length); s++) {
                maxima[ringIndex(s)] = 0;
            }
            newestSlot = slot;
        } else if (newestSlot - slot >= maxima.length) {
            return;
        }
        int at = ringIndex(slot);
        maxima[at] = Math.max(maxima[at], severity);
    }

    private void start(long timestampMs, long durationMs) {
        long longest = Arrays.stream(periodsMs).max().getAsLong();
        halfWidthMs = Math.max(1, durationMs / 4);
        slotMs = Math.max(Math.max(1, halfWidthMs / 2), ceilDiv(longest + halfWidthMs, MAX_SLOTS - 2));
        int slots = (int) Math.min(MAX_SLOTS, ceilDiv(longest + halfWidthMs, slotMs) + 2);
        maxima = new double[slots];
        newestSlot = Math.floorDiv(timestampMs, slotMs);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private int ringIndex(long slot) {
        return (int) Math.floorMod(slot, (long) maxima.length);
    }

    /** Whether the periods are {@code periodsMs}, in order; copies nothing. */
    public boolean hasPeriods(long[] periodsMs) {
        return Arrays.equals(this.periodsMs, periodsMs);
    }

    /** The periods, in milliseconds. */
    public long[] periodsMs() {
        return periodsMs.clone();
    }

    /** Slot width in milliseconds; 0 before the first severity. */
    public long slotMs() {
        return slotMs;
    }

    /** How far around {@code t - P} a reference looks, in milliseconds; 0 before the first severity. */
    public long halfWidthMs() {
        return halfWidthMs;
    }

    /** Slots kept; 0 before the first severity. */
    public int slots() {
        return maxima == null ? 0 : maxima.length;
    }

    /** Writes the periods and the whole state for {@link #readFrom}. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(periodsMs.length);
        for (long p : periodsMs) {
            out.writeLong(p);
        }
        out.writeLong(slotMs);
        out.writeLong(halfWidthMs);
        out.writeLong(newestSlot);
        out.writeInt(slots());
        for (int i = 0; i < slots(); i++) {
            out.writeDouble(maxima[i]);
        }
    }

    /** Reads maxima written by {@link #writeTo}; they continue exactly where the written ones were. */
    public static SeasonalMaxima readFrom(DataInput in) throws IOException {
        int periods = in.readInt();
        if (periods < 1 || periods > 64) {
            throw new IOException("corrupt seasonal state: " + periods + " periods");
        }
        long[] periodsMs = new long[periods];
        for (int i = 0; i < periods; i++) {
            periodsMs[i] = in.readLong();
        }
        SeasonalMaxima maxima = new SeasonalMaxima(periodsMs);
        maxima.slotMs = in.readLong();
        maxima.halfWidthMs = in.readLong();
        maxima.newestSlot = in.readLong();
        int slots = in.readInt();
        if (slots < 0 || slots > MAX_SLOTS || (slots == 0) != (maxima.slotMs == 0)) {
            throw new IOException("corrupt seasonal state: " + slots + " slots of " + maxima.slotMs + " ms");
        }
        if (slots > 0) {
            maxima.maxima = new double[slots];
            for (int i = 0; i < slots; i++) {
                maxima.maxima[i] = in.readDouble();
            }
        }
        return maxima;
    }
}
