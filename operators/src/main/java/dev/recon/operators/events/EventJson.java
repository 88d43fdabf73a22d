package dev.recon.operators.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.operators.types.AnomalyEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields every anomaly event on the {@code anomalies} topic shares, written and read one way for
 * window events ({@link AnomalyEventJson}) and image events ({@link ImageAnomalyEventJson}); each
 * read names the kind of event ({@code what}) in its messages. Thread-safe.
 */
final class EventJson {

    /** The factory both writers generate with. */
    static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /** Per-channel errors by channel name, in the order the event lists them. */
    record Channels(String[] names, double[] errors) {}

    private EventJson() {}

    /**
     * Writes the fields an event starts with, {@code sensorId} to {@code modelVersion};
     * {@code severity} is {@code null} when it is not finite, since JSON has no infinity.
     */
    static void writeHead(JsonGenerator json, String sensorId, long windowStart, long windowEnd, double score,
            double threshold, double severity, String model, String modelVersion) throws IOException {
        json.writeStringField("sensorId", sensorId);
        json.writeNumberField("windowStart", windowStart);
        json.writeNumberField("windowEnd", windowEnd);
        json.writeNumberField("score", score);
        json.writeNumberField("threshold", threshold);
        if (Double.isFinite(severity)) {
            json.writeNumberField("severity", severity);
        } else {
            json.writeNullField("severity");
        }
        json.writeStringField("model", model);
        json.writeStringField("modelVersion", modelVersion);
    }

    /** Writes {@code "channels": {name: error, ...}} in the model's channel order. */
    static void writeChannels(JsonGenerator json, String[] names, double[] errors) throws IOException {
        json.writeObjectFieldStart("channels");
        for (int c = 0; c < names.length; c++) {
            json.writeNumberField(names[c], errors[c]);
        }
        json.writeEndObject();
    }

    /** Parses {@code json} as one JSON object, else names what it should have been. */
    static JsonNode readObject(byte[] json, String what) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON " + what + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON " + what + ": expected an object");
        }
        return root;
    }

    /** The {@code channels} object of an event. */
    static Channels channels(JsonNode root, String what) {
        List<String> names = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> channel : field(root, "channels", what).properties()) {
            names.add(channel.getKey());
            errors.add(channel.getValue().doubleValue());
        }
        return new Channels(names.toArray(new String[0]), errors.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The {@code severity} field, or {@code score / threshold} where it was written as {@code null}. */
    static double severity(JsonNode root, double score, double threshold, String what) {
        JsonNode severity = field(root, "severity", what);
        return severity.isNull() ? AnomalyEvent.severity(score, threshold) : severity.doubleValue();
    }

    /** A field that must be there. */
    static JsonNode field(JsonNode node, String name, String what) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new IllegalArgumentException(what + " has no '" + name + "' field");
        }
        return value;
    }
}
