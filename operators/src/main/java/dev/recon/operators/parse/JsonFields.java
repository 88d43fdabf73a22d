package dev.recon.operators.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RecordRejectedException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;

/**
 * The field rules every JSON input message shares (readings and images): the payload, the source's
 * id and the {@code ts} timestamp, each rejected with the same reason and message wherever it comes.
 */
public final class JsonFields {

    private static final int MAX_SHOWN_CHARS = 60;

    private JsonFields() {}

    /** The payload as a JSON tree, or an {@code INVALID_JSON} rejection saying where it broke. */
    public static JsonNode parse(ObjectReader reader, byte[] payload) throws RecordRejectedException {
        try {
            JsonNode root = reader.readTree(payload);
            if (root == null || root.isMissingNode()) {
                throw reject(DeadLetterReason.INVALID_JSON, "payload holds no JSON value (only whitespace)");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw reject(DeadLetterReason.INVALID_JSON, "payload is not valid JSON" + where + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw reject(DeadLetterReason.INVALID_JSON, "payload cannot be read as JSON: " + e.getMessage());
        }
    }

    /** A non-empty, non-blank string of at most {@code maxLength} characters: a sensor's or source's id. */
    public static String id(JsonNode root, String field, int maxLength) throws RecordRejectedException {
        JsonNode node = root.get(field);
        if (node == null) {
            throw reject(DeadLetterReason.MISSING_FIELD, "'" + field + "' is missing; expected a non-empty string");
        }
        if (!node.isTextual()) {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + field + "' is " + describe(node)
                    + "; expected a non-empty string");
        }
        String id = node.textValue();
        if (id.isBlank()) {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + field + "' is blank; expected a non-empty string");
        }
        if (id.length() > maxLength) {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + field + "' is " + id.length()
                    + " characters long; expected at most " + maxLength);
        }
        return id;
    }

    /**
     * Epoch milliseconds from {@code node}: a whole number >= 0 (also written as a double), or an
     * ISO-8601 date-time with an offset, not before 1970.
     */
    public static long timestamp(JsonNode node, String field) throws RecordRejectedException {
        String expected = "; expected epoch milliseconds (a whole number >= 0) or an ISO-8601 date-time "
                + "with an offset such as \"2025-11-23T05:55:54.123Z\"";
        if (node == null) {
            throw reject(DeadLetterReason.MISSING_FIELD, "'" + field + "' is missing" + expected);
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong() || node.longValue() < 0) {
                throw reject(DeadLetterReason.INVALID_FIELD, "'" + field + "' is " + node.asText() + ", out of range"
                        + expected);
            }
            return node.longValue();
        }
        if (node.isNumber()) {
            double ms = node.doubleValue();
            // Some serialisers write every number as a double: 1763877354123.0 is still whole milliseconds.
            if (Double.isFinite(ms) && ms >= 0 && ms <= Long.MAX_VALUE && ms == Math.rint(ms)) {
                return (long) ms;
            }
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + field + "' is " + node.asText()
                    + ", not whole milliseconds" + expected);
        }
        if (node.isTextual()) {
            long ms;
            try {
                ms = OffsetDateTime.parse(node.textValue()).toInstant().toEpochMilli();
            } catch (DateTimeException | ArithmeticException e) {
                throw reject(DeadLetterReason.INVALID_FIELD, "'" + field + "' is " + describe(node)
                        + ", not an ISO-8601 date-time with an offset (" + e.getMessage() + ")" + expected);
            }
            if (ms < 0) {
                throw reject(DeadLetterReason.INVALID_FIELD, "'" + field + "' is " + describe(node)
                        + ", before 1970" + expected);
            }
            return ms;
        }
        throw reject(DeadLetterReason.INVALID_FIELD, "'" + field + "' is " + describe(node) + expected);
    }

    /** Describes a JSON value for a message: its type and, for scalars, the value (shortened). */
    public static String describe(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isBoolean()) {
            return "a boolean (" + node.booleanValue() + ")";
        }
        if (node.isNumber()) {
            return "a number (" + node.asText() + ")";
        }
        String text = node.asText();
        if (text.length() > MAX_SHOWN_CHARS) {
            text = text.substring(0, MAX_SHOWN_CHARS) + "...";
        }
        return "a string (\"" + text + "\")";
    }

    private static RecordRejectedException reject(DeadLetterReason reason, String detail) {
        return new RecordRejectedException(reason, detail);
    }
}
