package dev.recon.operators.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RecordRejectedException;
import dev.recon.operators.types.SensorReading;
import java.util.Map;

/**
 * Parses and validates one {@code sensor-readings} payload (no Flink; {@link ReadingParser} wraps
 * it in an operator).
 *
 * <pre>{@code
 * {"sensorId": "pump-7", "ts": 1763877354123, "values": {"temperature": 71.3, "vibration": 0.021}}
 * {"sensorId": "pump-7", "ts": "2025-11-23T05:55:54.123Z", "value": 71.3}
 * }</pre>
 *
 * <p>Rules: the payload is at most {@code maxPayloadBytes} bytes of UTF-8 holding one JSON object
 * with no duplicate keys; {@code sensorId} is a non-blank string of at most
 * {@value #MAX_SENSOR_ID_LENGTH} characters; {@code ts} is whole epoch milliseconds (>= 0) or an
 * ISO-8601 date-time with a zone offset; exactly one of {@code values} (a non-empty object of
 * channel name to finite number) and {@code value} (a finite number). Other fields are ignored, so
 * producers can add some without breaking readers.
 *
 * <p>A well-formed reading is read in one streaming pass ({@link ReadingFastPath}); anything else
 * is parsed again into a tree and checked field by field, which names what is wrong.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ReadingDecoder {

    /** Default payload size limit: 1 MiB. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1 << 20;
    /** Longest accepted sensor id; it is a state key and a Kafka key, not a document. */
    public static final int MAX_SENSOR_ID_LENGTH = 256;

    /** Field names of the {@code sensor-readings} contract. */
    public static final String SENSOR_ID = "sensorId";
    /** Field name of the timestamp. */
    public static final String TS = "ts";
    /** Field name of the channel-to-value object. */
    public static final String VALUES = "values";
    /** Field name of a single unnamed value. */
    public static final String VALUE = "value";


    private static final ObjectReader READER = newReader();
    static final ReadingFastPath FAST_PATH = new ReadingFastPath(new JsonFactoryBuilder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build());

    private final int maxPayloadBytes;

    /** A decoder with the default size limit. */
    public ReadingDecoder() {
        this(DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /** A decoder that rejects payloads larger than {@code maxPayloadBytes}. */
    public ReadingDecoder(int maxPayloadBytes) {
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes must be >= 1, got " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    private static ObjectReader newReader() {
        JsonFactory factory = new JsonFactoryBuilder()
                // NaN and Infinity tokens parse, so they are reported as non-finite values rather
                // than as a syntax error the producer would not recognise.
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // Two "ts" fields: which one did the producer mean? Reject rather than guess.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Correctly rounded like Double.parseDouble, so both paths read the same numbers.
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .build();
        return new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .reader();
    }

    /** The size limit in bytes. */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * Parses one payload.
     *
     * @param payload the record value; {@code null} for a record without one
     * @param origin where it came from, carried by the reading
     * @throws RecordRejectedException with the reason and a message saying what was wrong
     */
    public SensorReading decode(byte[] payload, String origin) throws RecordRejectedException {
        if (payload == null) {
            throw reject(DeadLetterReason.EMPTY_PAYLOAD, "record has no value (null, a tombstone); expected a JSON reading");
        }
        if (payload.length == 0) {
            throw reject(DeadLetterReason.EMPTY_PAYLOAD, "payload is empty (0 bytes); expected a JSON reading");
        }
        if (payload.length > maxPayloadBytes) {
            throw reject(DeadLetterReason.OVERSIZED, "payload is " + payload.length
                    + " bytes, over the limit of " + maxPayloadBytes + " bytes; it was not parsed");
        }
        SensorReading common = FAST_PATH.read(payload, origin);
        // Not a plain well-formed reading: the checking path says what is wrong (or reads an ISO timestamp).
        return common != null ? common : decodeChecked(payload, origin);
    }

    /** The checking path on its own: parses a payload (within the size limit) into a tree and checks every field. */
    static SensorReading decodeChecked(byte[] payload, String origin) throws RecordRejectedException {
        JsonNode root = JsonFields.parse(READER, payload);
        if (!root.isObject()) {
            throw reject(DeadLetterReason.INVALID_JSON,
                    "payload is " + JsonFields.describe(root) + "; expected a JSON object such as "
                            + "{\"sensorId\": \"pump-7\", \"ts\": 1763877354123, \"value\": 71.3}");
        }
        String sensorId = JsonFields.id(root, SENSOR_ID, MAX_SENSOR_ID_LENGTH);
        long ts = JsonFields.timestamp(root.get(TS), TS);
        JsonNode values = root.get(VALUES);
        JsonNode value = root.get(VALUE);
        if (values != null && value != null) {
            throw reject(DeadLetterReason.INVALID_FIELD,
                    "both '" + VALUES + "' and '" + VALUE + "' are present; expected exactly one of them");
        }
        if (values != null) {
            return named(sensorId, ts, values, origin, payload);
        }
        if (value != null) {
            return SensorReading.single(sensorId, ts, number(value, VALUE), origin, payload);
        }
        throw reject(DeadLetterReason.MISSING_FIELD, "neither '" + VALUES + "' (an object of channel to number) nor '"
                + VALUE + "' (a number) is present");
    }

    private static SensorReading named(String sensorId, long ts, JsonNode values, String origin, byte[] payload)
            throws RecordRejectedException {
        if (!values.isObject()) {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + VALUES + "' is " + JsonFields.describe(values)
                    + "; expected an object of channel name to number, such as {\"temperature\": 71.3}");
        }
        if (values.isEmpty()) {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + VALUES + "' is an empty object; expected at least one channel");
        }
        String[] channels = new String[values.size()];
        double[] numbers = new double[values.size()];
        int i = 0;
        for (Map.Entry<String, JsonNode> channel : values.properties()) {
            if (channel.getKey().isBlank()) {
                throw reject(DeadLetterReason.INVALID_FIELD, "'" + VALUES + "' has a channel with a blank name; "
                        + "expected non-empty channel names");
            }
            channels[i] = channel.getKey();
            numbers[i] = number(channel.getValue(), VALUES + "." + channel.getKey());
            i++;
        }
        return new SensorReading(sensorId, ts, channels, numbers, origin, payload);
    }

    private static double number(JsonNode node, String field) throws RecordRejectedException {
        if (!node.isNumber()) {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + field + "' is " + JsonFields.describe(node) + "; expected a number");
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            // A literal beyond +-1.8e308 arrives here as Infinity too: say so, or the producer
            // will look for an "Infinity" it never wrote.
            throw reject(DeadLetterReason.NON_FINITE_VALUE, "'" + field + "' is " + value
                    + "; expected a finite number (NaN, Infinity and literals beyond +-1.8e308 are not)");
        }
        return value;
    }

    private static RecordRejectedException reject(DeadLetterReason reason, String detail) {
        return new RecordRejectedException(reason, detail);
    }
}
