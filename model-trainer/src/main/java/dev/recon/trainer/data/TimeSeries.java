package dev.recon.trainer.data;

import java.util.List;
import java.util.Objects;

/**
 * A recorded multichannel series: one timestamp and one value per channel for each row.
 *
 * @param source where it came from (a file path), for provenance and messages
 * @param channels channel names, in column order
 * @param timestamps epoch milliseconds, one per row
 * @param rows values, {@code [row][channel]}
 * @param timestampTexts the timestamps as written in the source, echoed by {@code recon score}
 */
public record TimeSeries(
        String source, List<String> channels, long[] timestamps, double[][] rows, String[] timestampTexts) {

    /** Checks that every row has a timestamp and one value per channel. */
    public TimeSeries {
        Objects.requireNonNull(source, "source");
        channels = List.copyOf(channels);
        if (timestampTexts == null) {
            timestampTexts = new String[timestamps.length];
            for (int i = 0; i < timestamps.length; i++) {
                timestampTexts[i] = Long.toString(timestamps[i]);
            }
        }
        if (timestamps.length != rows.length || timestampTexts.length != rows.length) {
            throw new IllegalArgumentException(
                    timestamps.length + " timestamps but " + rows.length + " rows in " + source);
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != channels.size()) {
                throw new IllegalArgumentException("row " + i + " of " + source + " has "
                        + rows[i].length + " values for " + channels.size() + " channels");
            }
        }
    }

    /** Number of rows. */
    public int size() {
        return rows.length;
    }
}
