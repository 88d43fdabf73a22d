package dev.recon.operators.types;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One parsed, validated reading of one sensor: a timestamp and one value per channel.
 *
 * <p>A reading sent as a single {@code "value"} has no channel name ({@link #channels()} is empty
 * and {@link #values()} holds one value), so it fits any one-channel model whatever that channel is
 * called. The original payload and origin travel along so that an operator further down (which
 * knows the model's channels) can still dead-letter the record unchanged.
 *
 * @param sensorId the sensor, also the key of all per-sensor state
 * @param ts event time, epoch milliseconds
 * @param channels channel names in the order they were sent; empty for an unnamed single value
 * @param values finite values, parallel to {@code channels} (one value when unnamed)
 * @param origin where the record came from ({@code topic/partition@offset})
 * @param payload the original payload bytes, for dead-lettering
 */
@TypeInfo(SensorReadingSerializer.Factory.class)
public record SensorReading(
        String sensorId, long ts, String[] channels, double[] values, String origin, byte[] payload) {

    /** Flink type information: {@link SensorReadingSerializer} (no POJO reflection, no Kryo). */
    public static final TypeInformation<SensorReading> TYPE_INFO = TypeInformation.of(SensorReading.class);

    /** Checks the fields and that names and values line up. */
    public SensorReading {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(origin, "origin");
        int expected = channels.length == 0 ? 1 : channels.length;
        if (values.length != expected) {
            throw new IllegalArgumentException("reading of " + sensorId + " has " + channels.length
                    + " channel names but " + values.length + " values");
        }
    }

    /** A reading of one unnamed value. */
    public static SensorReading single(String sensorId, long ts, double value, String origin, byte[] payload) {
        return new SensorReading(sensorId, ts, new String[0], new double[] {value}, origin, payload);
    }

    /** Whether the reading names its channels (false for a single unnamed {@code "value"}). */
    public boolean named() {
        return channels.length > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensorReading other
                && ts == other.ts
                && sensorId.equals(other.sensorId)
                && Arrays.equals(channels, other.channels)
                && Arrays.equals(values, other.values)
                && origin.equals(other.origin)
                && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensorId, ts, Arrays.hashCode(channels), Arrays.hashCode(values), origin);
    }

    @Override
    public String toString() {
        return "SensorReading{sensorId=" + sensorId + ", ts=" + ts + ", channels=" + Arrays.toString(channels)
                + ", values=" + Arrays.toString(values) + ", origin=" + origin + "}";
    }
}
