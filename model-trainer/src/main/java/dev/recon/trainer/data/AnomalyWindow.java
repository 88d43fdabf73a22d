package dev.recon.trainer.data;

import java.time.Instant;

/**
 * A labelled anomaly: every reading with a timestamp in {@code [start, end]} (both inclusive) is
 * anomalous.
 *
 * @param start first anomalous instant, epoch milliseconds
 * @param end last anomalous instant, epoch milliseconds
 */
public record AnomalyWindow(long start, long end) {

    /** Checks that the window does not end before it starts. */
    public AnomalyWindow {
        if (end < start) {
            throw new IllegalArgumentException("anomaly window ends (" + Instant.ofEpochMilli(end)
                    + ") before it starts (" + Instant.ofEpochMilli(start) + ")");
        }
    }

    /** Whether {@code timestamp} lies in this window. */
    public boolean contains(long timestamp) {
        return timestamp >= start && timestamp <= end;
    }
}
