package dev.recon.operators.types;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One record exactly as it arrived, before any parsing: the payload bytes, where it came from and
 * its timestamp.
 *
 * @param payload the record value, unchanged; {@code null} for a record without a value (a Kafka
 *     tombstone), which the parser turns into a dead letter
 * @param origin where the record came from, for example {@code sensor-readings/3@1207}
 *     ({@code topic/partition@offset})
 * @param timestamp the record's timestamp (epoch milliseconds) as the source saw it
 */
public record RawInput(byte[] payload, String origin, long timestamp) {

    /** Flink type information (a POJO type: no Kryo). */
    public static final TypeInformation<RawInput> TYPE_INFO = TypeInformation.of(RawInput.class);

    /** Checks that {@code origin} is present; the payload may be null. */
    public RawInput {
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawInput other
                && timestamp == other.timestamp
                && origin.equals(other.origin)
                && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, timestamp, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RawInput{origin=" + origin + ", timestamp=" + timestamp + ", payload="
                + (payload == null ? "null" : payload.length + " bytes") + "}";
    }
}
