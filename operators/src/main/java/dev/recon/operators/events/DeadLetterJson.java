package dev.recon.operators.events;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.recon.operators.types.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A JSON view of a dead letter, for logs, consoles and a JSON dead-letter topic.
 *
 * <pre>{@code
 * {"reason": "INVALID_JSON", "detail": "payload is not valid JSON at line 1, column 2: ...",
 *  "origin": "sensor-readings/0@17", "timestamp": 1763877354123, "rejectedAt": "2025-11-23T05:55:55.001Z",
 *  "payload": "{oops"}
 * }</pre>
 *
 * <p>The payload appears as text when it is valid UTF-8 ({@code payload}) and as base64 otherwise
 * ({@code payloadBase64}), so the view is always valid JSON; it is absent for a record with no
 * value. The dead-letter topic itself carries the payload bytes unchanged. Thread-safe.
 */
public final class DeadLetterJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private DeadLetterJson() {}

    /** Encodes a dead letter as UTF-8 JSON. */
    public static byte[] encode(DeadLetter letter) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("reason", letter.reason().name());
            json.writeStringField("detail", letter.detail());
            json.writeStringField("origin", letter.origin());
            json.writeNumberField("timestamp", letter.timestamp());
            json.writeStringField("rejectedAt", Instant.ofEpochMilli(letter.rejectedAt()).toString());
            if (letter.payload() != null) {
                String text = utf8(letter.payload());
                if (text != null) {
                    json.writeStringField("payload", text);
                } else {
                    json.writeStringField("payloadBase64", Base64.getEncoder().encodeToString(letter.payload()));
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + letter, e); // in-memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /** The bytes as a string if they are valid UTF-8, else null. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
