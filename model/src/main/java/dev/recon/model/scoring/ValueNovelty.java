package dev.recon.model.scoring;

import dev.recon.model.bundle.NoveltySpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Whether a stream's newest readings take a value it has never been near: farther than a radius
 * from every reading of the training part and of the stream so far ({@link NoveltySpec}), learned
 * as the stream goes, so a new level pages once and is normal from then on.
 *
 * <p>This is what the window's reconstruction error is worst at: a model trained on one level
 * reconstructs a jump to another as badly as every later window, so the error's onset fires late
 * or never, while the first reading of a never-seen value is plain. The idea is the zero-level
 * context of NAB's CAD OSE detector (a value never seen after its predecessor), reduced to the
 * value alone, which is what scored best next to recon's window alarm on the NAB files. After a
 * new value pages, further new values do not page for the spec's {@code restWindows} (they are
 * still learned). Not thread-safe; keep one per stream. Serializable, for keyed state.
 */
public final class ValueNovelty implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final NoveltySpec spec;
    private final BitSet[] seen;
    /** Each channel's training low and cell width, from the spec (kept: they are asked per reading). */
    private final double[] low;
    private final double[] cellWidth;
    private int restingFor;

    /** A fresh stream that knows the spec's training cells. */
    public static ValueNovelty of(NoveltySpec spec) {
        BitSet[] seen = new BitSet[spec.channels()];
        for (int c = 0; c < seen.length; c++) {
            BitSet band = spec.trainingCells(c);
            seen[c] = new BitSet(spec.cellsPerChannel());
            int start = spec.trainingBandStart();
            for (int i = band.nextSetBit(0); i >= 0; i = band.nextSetBit(i + 1)) {
                seen[c].set(start + i);
            }
        }
        return new ValueNovelty(spec, seen, 0);
    }

    private ValueNovelty(NoveltySpec spec, BitSet[] seen, int restingFor) {
        this.spec = spec;
        this.seen = seen;
        this.restingFor = restingFor;
        low = new double[seen.length];
        cellWidth = new double[seen.length];
        for (int c = 0; c < seen.length; c++) {
            low[c] = spec.low().get(c);
            cellWidth[c] = spec.cellWidth(c);
        }
    }

    /**
     * Learns the newest {@code steps} readings of a window ({@code values} step-major,
     * {@code [step][channel]}, in the data's units) and scores them: 1 when one of them was new on some
     * channel and no new value paged in the last {@code restWindows} calls, else 0. Values that are not
     * numbers are skipped.
     */
    public double update(double[] values, int steps) {
        int channels = seen.length;
        if (values.length < steps * channels || values.length % channels != 0) {
            throw new IllegalArgumentException(values.length + " values for " + steps + " newest steps of "
                    + channels + " channels");
        }
        boolean novel = false;
        for (int k = values.length - steps * channels; k < values.length; k++) {
            novel |= learn(k % channels, values[k]);
        }
        if (restingFor > 0) {
            restingFor--;
            return 0;
        }
        if (novel) {
            restingFor = spec.restWindows();
            return 1;
        }
        return 0;
    }

    private boolean learn(int channel, double value) {
        if (!Double.isFinite(value)) {
            return false;
        }
        int cell = spec.cell(value, low[channel], cellWidth[channel]);
        BitSet cells = seen[channel];
        int near = cells.nextSetBit(Math.max(0, cell - NoveltySpec.CELLS_PER_RADIUS));
        boolean novel = near < 0 || near > cell + NoveltySpec.CELLS_PER_RADIUS;
        cells.set(cell);
        return novel;
    }

    /** Calls after a paging new value during which new values do not page (0: armed). */
    public int restingFor() {
        return restingFor;
    }

    /** The spec this novelty follows. */
    public NoveltySpec spec() {
        return spec;
    }

    /** Writes the ranges, the learned cells and the rest count, for {@link #readFrom}. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(seen.length);
        for (int c = 0; c < seen.length; c++) {
            out.writeDouble(spec.low().get(c));
            out.writeDouble(spec.high().get(c));
        }
        out.writeInt(spec.divisions());
        out.writeInt(spec.restWindows());
        for (BitSet cells : seen) {
            long[] words = cells.toLongArray();
            out.writeInt(words.length);
            for (long w : words) {
                out.writeLong(w);
            }
        }
        out.writeInt(restingFor);
    }

    /**
     * Reads what {@link #writeTo} wrote; it continues exactly where the written one was (its spec
     * has no training cells: they are among the learned ones).
     */
    public static ValueNovelty readFrom(DataInput in) throws IOException {
        int channels = in.readInt();
        if (channels < 1 || channels > 4096) {
            throw new IOException("novelty state of " + channels + " channels");
        }
        List<Double> low = new ArrayList<>();
        List<Double> high = new ArrayList<>();
        List<String> noCells = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            low.add(in.readDouble());
            high.add(in.readDouble());
            noCells.add("");
        }
        NoveltySpec spec;
        try {
            spec = new NoveltySpec(low, high, in.readInt(), in.readInt(), noCells);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt novelty state: " + e.getMessage(), e);
        }
        BitSet[] seen = new BitSet[channels];
        int maxWords = (spec.cellsPerChannel() + 63) / 64;
        for (int c = 0; c < channels; c++) {
            int n = in.readInt();
            if (n < 0 || n > maxWords) {
                throw new IOException("novelty state of " + n + " words for at most " + maxWords);
            }
            long[] words = new long[n];
            for (int i = 0; i < n; i++) {
                words[i] = in.readLong();
            }
            seen[c] = BitSet.valueOf(words);
        }
        return new ValueNovelty(spec, seen, in.readInt());
    }

    /**
     * Whether this novelty remembers values as {@code other} does (same ranges and divisions), so it
     * can go on under it.
     */
    public boolean follows(NoveltySpec other) {
        return other != null && spec.low().equals(other.low()) && spec.high().equals(other.high())
                && spec.divisions() == other.divisions();
    }
}
