package dev.recon.operators.window;

import java.util.Arrays;
import java.util.Objects;

/**
 * A reading held back until the watermark passes it, so readings enter windows in timestamp order.
 *
 * @param ts event time
 * @param values raw values in the model's channel order
 * @param arrivedAt processing time of arrival, to bound how long it may wait
 */
public record PendingReading(long ts, double[] values, long arrivedAt) {

    /** Checks the values. */
    public PendingReading {
        Objects.requireNonNull(values, "values");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PendingReading other && ts == other.ts && arrivedAt == other.arrivedAt
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ts, arrivedAt, Arrays.hashCode(values));
    }
}
