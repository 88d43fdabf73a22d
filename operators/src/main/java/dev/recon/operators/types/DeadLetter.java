package dev.recon.operators.types;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * A record that could not be used, kept unchanged, with why and where it was rejected.
 *
 * @param payload the original payload bytes, unchanged ({@code null} when the record had no value)
 * @param reason the reason code
 * @param detail what was wrong, where, and what was expected, for a human
 * @param origin where the record came from ({@code topic/partition@offset})
 * @param timestamp the original record's timestamp (epoch milliseconds)
 * @param rejectedAt when recon rejected it (epoch milliseconds, wall clock)
 */
public record DeadLetter(
        byte[] payload, DeadLetterReason reason, String detail, String origin, long timestamp, long rejectedAt) {

    /** Flink type information (a POJO type: no Kryo). */
    public static final TypeInformation<DeadLetter> TYPE_INFO = TypeInformation.of(DeadLetter.class);

    /**
     * The side output every operator sends its dead letters to. One tag for all of them (a tag is
     * identified by its id), so a job can union the side outputs into one dead-letter sink.
     */
    public static final OutputTag<DeadLetter> OUTPUT_TAG = new OutputTag<>("dead-letters", TYPE_INFO);

    /** Checks the required fields. */
    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(origin, "origin");
    }

    /** A dead letter for a raw record, rejected now. */
    public static DeadLetter of(RawInput input, DeadLetterReason reason, String detail) {
        return new DeadLetter(input.payload(), reason, detail, input.origin(), input.timestamp(),
                System.currentTimeMillis());
    }

    /**
     * A dead letter for a parsed reading that a later operator rejected, rejected now.
     *
     * @param timestamp the timestamp of the record that carried the reading
     */
    public static DeadLetter of(SensorReading reading, long timestamp, DeadLetterReason reason, String detail) {
        return new DeadLetter(reading.payload(), reason, detail, reading.origin(), timestamp,
                System.currentTimeMillis());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter other
                && timestamp == other.timestamp
                && rejectedAt == other.rejectedAt
                && reason == other.reason
                && detail.equals(other.detail)
                && origin.equals(other.origin)
                && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, detail, origin, timestamp, rejectedAt, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "DeadLetter{reason=" + reason + ", origin=" + origin + ", detail=" + detail + "}";
    }
}
