package dev.recon.operators.events;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.recon.operators.types.AnomalyEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code anomalies} wire format: one JSON object per event, UTF-8, fields in this order.
 *
 * <pre>{@code
 * {"sensorId": "pump-7", "windowStart": 1763877290000, "windowEnd": 1763877354123,
 *  "score": 0.083, "threshold": 0.021, "severity": 3.95, "model": "pump-vae", "modelVersion": "3",
 *  "channels": {"temperature": 0.12, "vibration": 0.002}, "peakTs": 1763877351000}
 * }</pre>
 *
 * <p>When an alarm rule made the event ({@code alarm.mode=onset-likelihood}), one more field follows:
 * {@code "alarm": {"rule": "onset-likelihood", "score": 1.93, "level": 1.2, "onset": 2.07,
 * "likelihood": 0.93}}; without one the field is absent.
 *
 * <p>{@code channels} keeps the model's channel order. {@code severity} is {@code null} when it is
 * not a finite number (a threshold of 0), since JSON has no infinity; a reader gets
 * {@code score / threshold} back. Thread-safe.
 */
public final class AnomalyEventJson {

    private static final String WHAT = "anomaly event";

    private AnomalyEventJson() {}

    /** Encodes an event as UTF-8 JSON. */
    public static byte[] encode(AnomalyEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = EventJson.FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            EventJson.writeHead(json, event.sensorId(), event.windowStart(), event.windowEnd(), event.score(),
                    event.threshold(), event.severity(), event.model(), event.modelVersion());
            EventJson.writeChannels(json, event.channels(), event.channelErrors());
            json.writeNumberField("peakTs", event.peakTs());
            AnomalyEvent.Alarm alarm = event.alarm();
            if (alarm != null) {
                json.writeObjectFieldStart("alarm");
                json.writeStringField("rule", alarm.rule());
                json.writeNumberField("score", alarm.score());
                json.writeNumberField("level", alarm.level());
                json.writeNumberField("onset", alarm.onset());
                json.writeNumberField("likelihood", alarm.likelihood());
                json.writeBooleanField("newValue", alarm.newValue());
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + event, e); // in-memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes an event written by {@link #encode}.
     *
     * @throws IllegalArgumentException if the bytes are not such an event, naming the field
     */
    public static AnomalyEvent decode(byte[] json) {
        JsonNode root = EventJson.readObject(json, WHAT);
        EventJson.Channels channels = EventJson.channels(root, WHAT);
        double score = field(root, "score").doubleValue();
        double threshold = field(root, "threshold").doubleValue();
        return new AnomalyEvent(
                field(root, "sensorId").textValue(),
                field(root, "windowStart").longValue(),
                field(root, "windowEnd").longValue(),
                score,
                threshold,
                EventJson.severity(root, score, threshold, WHAT),
                field(root, "model").textValue(),
                field(root, "modelVersion").textValue(),
                channels.names(),
                channels.errors(),
                field(root, "peakTs").longValue(),
                alarm(root.get("alarm")));
    }

    private static AnomalyEvent.Alarm alarm(JsonNode alarm) {
        if (alarm == null || alarm.isNull()) {
            return null;
        }
        return new AnomalyEvent.Alarm(field(alarm, "rule").textValue(), field(alarm, "score").doubleValue(),
                field(alarm, "level").doubleValue(), field(alarm, "onset").doubleValue(),
                field(alarm, "likelihood").doubleValue(),
                alarm.has("newValue") && alarm.get("newValue").asBoolean()); // absent before novelty existed
    }

    private static JsonNode field(JsonNode node, String name) {
        return EventJson.field(node, name, WHAT);
    }
}
