package dev.recon.operators.events;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.recon.operators.types.IncidentEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code incidents} wire format: one JSON object per event, UTF-8.
 *
 * <pre>{@code
 * {"type": "incident-open", "incidentId": "pump-7@1763877354123", "sensorId": "pump-7",
 *  "start": 1763877354123, "end": 1763877354123, "windows": 1, "peakSeverity": 3.95,
 *  "peakScore": 0.083, "peakTs": 1763877351000, "channels": {"temperature": 0.12, "vibration": 0.002},
 *  "model": "pump-vae", "modelVersion": "3"}
 * }</pre>
 *
 * <p>{@code channels} is the per-channel error of the incident's worst window; {@code peakSeverity}
 * is {@code null} when it is not finite (a threshold of 0). Thread-safe.
 */
public final class IncidentEventJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private IncidentEventJson() {}

    /** Encodes an event as UTF-8 JSON. */
    public static byte[] encode(IncidentEvent e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(320);
        try (JsonGenerator json = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("type", e.type());
            json.writeStringField("incidentId", e.incidentId());
            json.writeStringField("sensorId", e.sensorId());
            json.writeNumberField("start", e.start());
            json.writeNumberField("end", e.end());
            json.writeNumberField("windows", e.windows());
            if (Double.isFinite(e.peakSeverity())) {
                json.writeNumberField("peakSeverity", e.peakSeverity());
            } else {
                json.writeNullField("peakSeverity");
            }
            json.writeNumberField("peakScore", e.peakScore());
            json.writeNumberField("peakTs", e.peakTs());
            json.writeObjectFieldStart("channels");
            for (int c = 0; c < e.channels().length; c++) {
                json.writeNumberField(e.channels()[c], e.channelErrors()[c]);
            }
            json.writeEndObject();
            json.writeStringField("model", e.model());
            json.writeStringField("modelVersion", e.modelVersion());
            json.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot encode " + e, ex); // in-memory: cannot happen
        }
        return bytes.toByteArray();
    }
}
