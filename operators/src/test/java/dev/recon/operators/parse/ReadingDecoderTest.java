package dev.recon.operators.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RecordRejectedException;
import dev.recon.operators.types.SensorReading;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link ReadingDecoder}: every accepted form and every rejection path. */
class ReadingDecoderTest {

    private static final String ORIGIN = "sensor-readings/0@42";

    private final ReadingDecoder decoder = new ReadingDecoder();

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private SensorReading decode(String json) throws RecordRejectedException {
        return decoder.decode(utf8(json), ORIGIN);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
            String json, DeadLetterReason reason, String... detailParts) {
        return assertRejected(decoder, utf8(json), reason, detailParts);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
            ReadingDecoder decoder, byte[] payload, DeadLetterReason reason, String... detailParts) {
        AbstractThrowableAssert<?, ? extends Throwable> rejected = assertThatThrownBy(() -> decoder.decode(payload, ORIGIN))
                .isInstanceOf(RecordRejectedException.class)
                .satisfies(e -> assertThat(((RecordRejectedException) e).reason()).isEqualTo(reason));
        for (String part : detailParts) {
            rejected.hasMessageContaining(part);
        }
        return rejected;
    }

    // accepted forms

    @Test
    void acceptsNamedValuesInTheOrderSent() throws Exception {
        String json = "{\"sensorId\": \"pump-7\", \"ts\": 1763877354123, "
                + "\"values\": {\"temperature\": 71.3, \"vibration\": 0.021}}";
        SensorReading reading = decode(json);
        assertThat(reading.sensorId()).isEqualTo("pump-7");
        assertThat(reading.ts()).isEqualTo(1763877354123L);
        assertThat(reading.named()).isTrue();
        assertThat(reading.channels()).containsExactly("temperature", "vibration");
        assertThat(reading.values()).containsExactly(71.3, 0.021);
        assertThat(reading.origin()).isEqualTo(ORIGIN);
        assertThat(reading.payload()).isEqualTo(utf8(json));
    }

    @Test
    void acceptsASingleUnnamedValue() throws Exception {
        SensorReading reading = decode("{\"sensorId\": \"t1\", \"ts\": 5, \"value\": -3}");
        assertThat(reading.named()).isFalse();
        assertThat(reading.values()).containsExactly(-3.0);
        assertThat(reading.ts()).isEqualTo(5L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"2025-11-23T05:55:54.123Z\"      | 1763877354123",
        "\"2025-11-23T06:55:54.123+01:00\" | 1763877354123",
        "\"2025-11-23T05:55:54Z\"          | 1763877354000",
        "1763877354123.0                   | 1763877354123",
        "0                                 | 0",
    })
    void acceptsEpochMillisAndIsoTimestamps(String ts, long expected) throws Exception {
        assertThat(decode("{\"sensorId\": \"s\", \"ts\": " + ts + ", \"value\": 1}").ts()).isEqualTo(expected);
    }

    @Test
    void ignoresUnknownFields() throws Exception {
        assertThat(decode("{\"sensorId\": \"s\", \"ts\": 1, \"value\": 1, \"unit\": \"C\", \"site\": {\"a\": 1}}")
                .values()).containsExactly(1.0);
    }

    @Test
    void acceptsAPayloadOfExactlyTheLimit() throws Exception {
        String json = "{\"sensorId\":\"s\",\"ts\":1,\"value\":1}";
        ReadingDecoder tight = new ReadingDecoder(utf8(json).length);
        assertThat(tight.decode(utf8(json), ORIGIN).sensorId()).isEqualTo("s");
    }

    // rejections: the payload as a whole

    @Test
    void rejectsARecordWithoutValue() {
        assertRejected(decoder, null, DeadLetterReason.EMPTY_PAYLOAD, "no value", "tombstone");
        assertRejected(decoder, new byte[0], DeadLetterReason.EMPTY_PAYLOAD, "empty");
    }

    @Test
    void rejectsAnOversizedPayloadWithoutParsingIt() {
        ReadingDecoder tight = new ReadingDecoder(10);
        // not JSON at all: the size check comes first
        assertRejected(tight, utf8("x".repeat(11)), DeadLetterReason.OVERSIZED, "11 bytes", "limit of 10 bytes");
    }

    @Test
    void rejectsMalformedJsonWithItsLocation() {
        assertRejected("{\"sensorId\": \"s\", \"ts\": 1, \"value\": }", DeadLetterReason.INVALID_JSON,
                "not valid JSON", "line 1, column 37");
        assertRejected("{\"sensorId\": \"s\"", DeadLetterReason.INVALID_JSON, "not valid JSON");
        assertRejected("   ", DeadLetterReason.INVALID_JSON, "no JSON value");
    }

    @Test
    void rejectsTrailingContentAndDuplicateKeys() {
        assertRejected("{\"sensorId\": \"s\", \"ts\": 1, \"value\": 1} {}", DeadLetterReason.INVALID_JSON,
                "not valid JSON", "Trailing token");
        assertRejected("{\"sensorId\": \"s\", \"ts\": 1, \"ts\": 2, \"value\": 1}", DeadLetterReason.INVALID_JSON,
                "Duplicate field 'ts'");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] payload = utf8("{\"sensorId\": \"s?\", \"ts\": 1, \"value\": 1}");
        payload[15] = (byte) 0xC3; // starts a two-byte sequence that the quote does not continue
        assertRejected(decoder, payload, DeadLetterReason.INVALID_JSON, "UTF-8");
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        assertRejected("[1, 2]", DeadLetterReason.INVALID_JSON, "an array", "expected a JSON object");
        assertRejected("42", DeadLetterReason.INVALID_JSON, "a number (42)", "expected a JSON object");
    }

    // rejections: sensorId

    @Test
    void rejectsAMissingOrInvalidSensorId() {
        assertRejected("{\"ts\": 1, \"value\": 1}", DeadLetterReason.MISSING_FIELD, "'sensorId' is missing");
        assertRejected("{\"sensorId\": 7, \"ts\": 1, \"value\": 1}", DeadLetterReason.INVALID_FIELD,
                "'sensorId' is a number (7)", "expected a non-empty string");
        assertRejected("{\"sensorId\": null, \"ts\": 1, \"value\": 1}", DeadLetterReason.INVALID_FIELD,
                "'sensorId' is null");
        assertRejected("{\"sensorId\": \"  \", \"ts\": 1, \"value\": 1}", DeadLetterReason.INVALID_FIELD,
                "'sensorId' is blank");
        assertRejected("{\"sensorId\": \"" + "x".repeat(257) + "\", \"ts\": 1, \"value\": 1}",
                DeadLetterReason.INVALID_FIELD, "257 characters", "at most 256");
    }

    // rejections: ts

    @Test
    void rejectsAMissingTimestamp() {
        assertRejected("{\"sensorId\": \"s\", \"value\": 1}", DeadLetterReason.MISSING_FIELD,
                "'ts' is missing", "epoch milliseconds");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-1                              | out of range",
        "100000000000000000000           | out of range",
        "1763877354123.5                 | not whole milliseconds",
        "\"2025-11-23T05:55:54\"         | not an ISO-8601 date-time with an offset",
        "\"1969-12-31T23:59:59Z\"        | before 1970",
        "\"yesterday\"                   | a string (\"yesterday\")",
        "\"1763877354123\"               | not an ISO-8601 date-time",
        "true                            | a boolean (true)",
        "{}                              | an object",
        "null                            | null",
    })
    void rejectsAnInvalidTimestamp(String ts, String detail) {
        assertRejected("{\"sensorId\": \"s\", \"ts\": " + ts + ", \"value\": 1}", DeadLetterReason.INVALID_FIELD,
                "'ts' is", detail, "expected epoch milliseconds");
    }

    // rejections: value / values

    @Test
    void rejectsAReadingWithoutValues() {
        assertRejected("{\"sensorId\": \"s\", \"ts\": 1}", DeadLetterReason.MISSING_FIELD,
                "neither 'values'", "nor 'value'");
    }

    @Test
    void rejectsBothValueAndValues() {
        assertRejected("{\"sensorId\": \"s\", \"ts\": 1, \"value\": 1, \"values\": {\"a\": 1}}",
                DeadLetterReason.INVALID_FIELD, "both 'values' and 'value'", "exactly one");
    }

    @Test
    void rejectsValuesThatAreNotANonEmptyObjectOfNumbers() {
        assertRejected("{\"sensorId\": \"s\", \"ts\": 1, \"values\": [1, 2]}", DeadLetterReason.INVALID_FIELD,
                "'values' is an array", "expected an object of channel name to number");
        assertRejected("{\"sensorId\": \"s\", \"ts\": 1, \"values\": {}}", DeadLetterReason.INVALID_FIELD,
                "'values' is an empty object");
        assertRejected("{\"sensorId\": \"s\", \"ts\": 1, \"values\": {\"temp\": \"71.3\"}}",
                DeadLetterReason.INVALID_FIELD, "'values.temp' is a string (\"71.3\")", "expected a number");
        assertRejected("{\"sensorId\": \"s\", \"ts\": 1, \"values\": {\"temp\": null}}",
                DeadLetterReason.INVALID_FIELD, "'values.temp' is null");
        assertRejected("{\"sensorId\": \"s\", \"ts\": 1, \"values\": {\"\": 1}}",
                DeadLetterReason.INVALID_FIELD, "blank name");
        assertRejected("{\"sensorId\": \"s\", \"ts\": 1, \"value\": \"high\"}",
                DeadLetterReason.INVALID_FIELD, "'value' is a string (\"high\")", "expected a number");
    }

    @ParameterizedTest
    @CsvSource({"NaN, NaN", "Infinity, Infinity", "-Infinity, -Infinity", "1e400, Infinity"})
    void rejectsNonFiniteNumbers(String literal, String shown) {
        assertRejected("{\"sensorId\": \"s\", \"ts\": 1, \"value\": " + literal + "}",
                DeadLetterReason.NON_FINITE_VALUE, "'value' is " + shown, "expected a finite number");
        assertRejected("{\"sensorId\": \"s\", \"ts\": 1, \"values\": {\"a\": 1, \"b\": " + literal + "}}",
                DeadLetterReason.NON_FINITE_VALUE, "'values.b' is " + shown);
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new ReadingDecoder(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPayloadBytes must be >= 1, got 0");
    }
}
