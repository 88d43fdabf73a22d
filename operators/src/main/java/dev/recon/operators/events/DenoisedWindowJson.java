package dev.recon.operators.events;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.recon.operators.types.DenoisedWindow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code denoised} wire format: one JSON object per scored window, UTF-8.
 *
 * <pre>{@code
 * {"sensorId": "pump-7", "windowStart": 1763877290000, "windowEnd": 1763877354123,
 *  "model": "pump-vae", "modelVersion": "3", "timestamps": [1763877290000, ...],
 *  "channels": {"temperature": [71.2, 71.3, ...], "vibration": [0.020, ...]}}
 * }</pre>
 *
 * <p>Values are the model's reconstruction in the sensor's units, one per timestamp. Thread-safe.
 */
public final class DenoisedWindowJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private DenoisedWindowJson() {}

    /** Encodes a reconstruction as UTF-8 JSON. */
    public static byte[] encode(DenoisedWindow w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 24 * w.values().length);
        try (JsonGenerator json = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("sensorId", w.sensorId());
            json.writeNumberField("windowStart", w.windowStart());
            json.writeNumberField("windowEnd", w.windowEnd());
            json.writeStringField("model", w.model());
            json.writeStringField("modelVersion", w.modelVersion());
            json.writeFieldName("timestamps");
            json.writeArray(w.timestamps(), 0, w.timestamps().length);
            json.writeObjectFieldStart("channels");
            int channels = w.channels().length;
            for (int c = 0; c < channels; c++) {
                json.writeArrayFieldStart(w.channels()[c]);
                for (int t = 0; t < w.timestamps().length; t++) {
                    json.writeNumber(w.values()[t * channels + c]);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode denoised window of " + w.sensorId(), e);
        }
        return bytes.toByteArray();
    }
}
