package dev.recon.operators.types;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One sensor's window in event-time order, ready to be scored: raw values in the model's channel
 * order, not yet normalised (the scorer normalises with the model that scores it, so a model swap
 * changes statistics and weights at the same instant).
 *
 * @param sensorId the sensor
 * @param timestamps the timestamp of each step, oldest first
 * @param values raw values, step-major ({@code [step][channel]}), {@code timestamps.length * channels}
 */
@TypeInfo(RawWindowSerializer.Factory.class)
public record RawWindow(String sensorId, long[] timestamps, double[] values) implements ScorerInput {

    /** Flink type information: {@link RawWindowSerializer} (no POJO reflection, no Kryo). */
    public static final TypeInformation<RawWindow> TYPE_INFO = TypeInformation.of(RawWindow.class);

    /** Checks that values fill whole steps. */
    public RawWindow {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(values, "values");
        if (timestamps.length == 0 || values.length % timestamps.length != 0) {
            throw new IllegalArgumentException(values.length + " values do not fill " + timestamps.length + " steps");
        }
    }

    /** Timestamp of the oldest step. */
    public long start() {
        return timestamps[0];
    }

    /** Timestamp of the newest step. */
    public long end() {
        return timestamps[timestamps.length - 1];
    }

    /** Values per step. */
    public int channels() {
        return values.length / timestamps.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawWindow other && sensorId.equals(other.sensorId)
                && Arrays.equals(timestamps, other.timestamps) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensorId, Arrays.hashCode(timestamps), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "RawWindow{" + sensorId + ", [" + start() + ", " + end() + "], " + timestamps.length + " steps x "
                + channels() + "}";
    }
}
