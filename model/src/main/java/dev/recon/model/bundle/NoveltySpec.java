package dev.recon.model.bundle;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a time-series model's alarm counts as a value its stream has never been near: a reading
 * farther than a radius ({@code (high - low) / divisions} of its channel's training range) from every
 * reading of the training part and of the stream so far ({@link dev.recon.model.scoring.ValueNovelty}).
 *
 * <p>Values are remembered in cells of a quarter radius over the training range and {@value #SPAN}
 * ranges on either side of it (farther values share the outermost cell), so a stream's memory is
 * bounded: {@code (2 * SPAN + 1) * divisions * 4 + 1} bits per channel, about 530 bytes at the
 * default 32 divisions. The cells the training part's readings fell in travel in the bundle
 * ({@code trainingCells}), so a stream starts out knowing what its training part showed.
 *
 * @param low each channel's lowest training reading, in the data's units
 * @param high each channel's highest training reading
 * @param divisions radii per training range: a reading is new when it is more than
 *     {@code (high - low) / divisions} from every value seen before
 * @param restWindows windows after a new value pages during which further new values do not page
 *     (a level that keeps moving into new ground is one incident)
 * @param trainingCells per channel, the cells of the training range that training readings fell in,
 *     as the hex of a {@link BitSet}'s bytes (cell 0 at {@code low})
 */
public record NoveltySpec(List<Double> low, List<Double> high, int divisions, int restWindows,
        List<String> trainingCells) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Default radii per training range, chosen on the 18 NAB files of {@code data/nab} next to recon's
     * window alarm: 24 and 32 both scored 61.0, the finer radii jumped (59.9 at 48, 62.7 at 64), the
     * coarser scored lower (54.3 to 55.7 at 8 to 16; one-off runs, docs/BENCHMARKS.md).
     */
    public static final int DEFAULT_DIVISIONS = 32;
    /** Default rest: a third of the training part's windows (chosen on the 18 NAB files). */
    public static final int DEFAULT_REST_DIVISOR = 3;
    /** Training ranges remembered on either side of the training range. */
    public static final int SPAN = 16;
    /** Cells per radius: a value is new when no cell within a radius of its own was seen. */
    public static final int CELLS_PER_RADIUS = 4;

    /** Checks every field, naming it and its value. */
    public NoveltySpec {
        Objects.requireNonNull(low, "alarm.novelty.low");
        Objects.requireNonNull(high, "alarm.novelty.high");
        Objects.requireNonNull(trainingCells, "alarm.novelty.trainingCells");
        low = List.copyOf(low);
        high = List.copyOf(high);
        trainingCells = List.copyOf(trainingCells);
        if (low.isEmpty() || low.size() != high.size() || low.size() != trainingCells.size()) {
            throw new IllegalArgumentException("alarm.novelty needs low, high and trainingCells for every channel, got "
                    + low.size() + ", " + high.size() + " and " + trainingCells.size());
        }
        for (int c = 0; c < low.size(); c++) {
            double lo = low.get(c);
            double hi = high.get(c);
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
                throw new IllegalArgumentException("alarm.novelty channel " + c + " needs finite low <= high, got "
                        + lo + " and " + hi);
            }
        }
        if (divisions < 1 || divisions > 1024) {
            throw new IllegalArgumentException("alarm.novelty.divisions must be in 1..1024, got " + divisions);
        }
        for (int c = 0; c < trainingCells.size(); c++) {
            BitSet cells;
            try {
                cells = BitSet.valueOf(HexFormat.of().parseHex(trainingCells.get(c)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("alarm.novelty.trainingCells of channel " + c
                        + " must be hex, got '" + trainingCells.get(c) + "'");
            }
            int band = divisions * CELLS_PER_RADIUS + 1;
            if (cells.length() > band) {
                throw new IllegalArgumentException("alarm.novelty.trainingCells of channel " + c + " has cell "
                        + (cells.length() - 1) + ", beyond the training range's " + band);
            }
        }
        if (restWindows < 0) {
            throw new IllegalArgumentException("alarm.novelty.restWindows must be >= 0 windows, got " + restWindows);
        }
    }

    /**
     * The default rest of a model whose series' training parts hold {@code trainingRows} rows (each)
     * and whose windows are {@code stride} readings apart: a third of its training windows, at least 1.
     */
    public static int defaultRestWindows(int trainingRows, int stride) {
        return Math.max(1, trainingRows / DEFAULT_REST_DIVISOR / Math.max(1, stride));
    }

    /**
     * The novelty of a model trained on {@code rows} (the training parts, {@code [row][channel]}, in the
     * data's units): their ranges, default divisions, the cells they fell in. Readings that are not
     * numbers are left out.
     */
    public static NoveltySpec fit(double[][] rows, int restWindows) {
        if (rows.length == 0 || rows[0].length == 0) {
            throw new IllegalArgumentException("novelty needs training rows with at least one channel");
        }
        int channels = rows[0].length;
        List<Double> low = new ArrayList<>();
        List<Double> high = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : rows) {
                if (Double.isFinite(row[c])) {
                    lo = Math.min(lo, row[c]);
                    hi = Math.max(hi, row[c]);
                }
            }
            if (lo > hi) {
                throw new IllegalArgumentException("novelty: channel " + c + " has no finite training reading");
            }
            low.add(lo);
            high.add(hi);
        }
        NoveltySpec ranges = new NoveltySpec(low, high, DEFAULT_DIVISIONS, restWindows,
                Collections.nCopies(channels, ""));
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            BitSet seen = new BitSet();
            for (double[] row : rows) {
                if (Double.isFinite(row[c])) {
                    seen.set(ranges.cell(c, row[c]) - ranges.trainingBandStart());
                }
            }
            cells.add(HexFormat.of().formatHex(seen.toByteArray()));
        }
        return new NoveltySpec(low, high, DEFAULT_DIVISIONS, restWindows, cells);
    }

    /** The number of channels. */
    public int channels() {
        return low.size();
    }

    /**
     * Channel {@code c}'s training range; a constant training part gets a tenth of its value (at
     * least 1), so that any clear change of it is new.
     */
    public double range(int c) {
        double range = high.get(c) - low.get(c);
        return range > 0 ? range : Math.max(Math.abs(high.get(c)) * 0.1, 1.0);
    }

    /** Cells remembered per channel. */
    public int cellsPerChannel() {
        return (2 * SPAN + 1) * divisions * CELLS_PER_RADIUS + 1;
    }

    /** The first cell of the training range. */
    public int trainingBandStart() {
        return SPAN * divisions * CELLS_PER_RADIUS;
    }

    /** The width of channel {@code c}'s cells: a quarter radius. */
    public double cellWidth(int c) {
        return range(c) / divisions / CELLS_PER_RADIUS;
    }

    /**
     * The cell of value {@code x} of channel {@code c}; values beyond the remembered span share the
     * outermost cells.
     */
    public int cell(int c, double x) {
        return cell(x, low.get(c), cellWidth(c));
    }

    /**
     * {@link #cell(int, double)} with the channel's {@code low} and {@link #cellWidth} already at hand
     * (a stream's novelty keeps them, as it asks once per reading).
     */
    public int cell(double x, double channelLow, double channelCellWidth) {
        // counted from low, so that low itself is exactly the first training cell, whatever the rounding
        double cell = trainingBandStart() + Math.floor((x - channelLow) / channelCellWidth);
        return (int) Math.max(0, Math.min(cellsPerChannel() - 1, cell));
    }

    /** The cells of the training range that channel {@code c}'s training readings fell in. */
    public BitSet trainingCells(int c) {
        return BitSet.valueOf(HexFormat.of().parseHex(trainingCells.get(c)));
    }
}
