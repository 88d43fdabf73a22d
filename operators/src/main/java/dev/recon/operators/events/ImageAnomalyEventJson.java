package dev.recon.operators.events;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.recon.operators.types.ImageAnomalyEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code anomalies} wire format of an anomalous image: the fields of a window's event
 * ({@link AnomalyEventJson}, so a reader of window events reads image events too), for a window one
 * instant long, followed by where in the image the error is.
 *
 * <pre>{@code
 * {"sensorId": "camera-3", "windowStart": 1763877354123, "windowEnd": 1763877354123,
 *  "score": 0.083, "threshold": 0.021, "severity": 3.95, "model": "fashion", "modelVersion": "1",
 *  "condition": "7", "channels": {"gray": 0.083}, "peakTs": 1763877354123,
 *  "peak": {"row": 12, "col": 7, "error": 0.61},
 *  "errorGrid": {"rows": 4, "cols": 4, "errors": [[0.01, 0.02, 0.01, 0.00], ...]}}
 * }</pre>
 *
 * <p>{@code sensorId} is the image's {@code sourceId}; {@code windowStart}, {@code windowEnd} and
 * {@code peakTs} are its {@code ts}. {@code channels} is the mean squared error of each colour
 * channel. {@code peak} is the pixel with the largest squared error averaged over channels (row 0
 * at the top, column 0 at the left, in the model's {@code height x width}); {@code errorGrid} cuts
 * the image into at most {@code rows x cols} near-equal cells and gives each cell's mean squared
 * error, top row first. {@code severity} is {@code null} when it is not finite. {@code condition} is
 * there for a conditional model ({@code cvae}) only: the condition the image claimed (its
 * {@code condition} or {@code label} field) and was scored under, as the model names it (the label
 * itself, or its index when the model's conditions have no names); other models' events have no
 * {@code condition} field. Thread-safe.
 */
public final class ImageAnomalyEventJson {

    private static final String WHAT = "image anomaly event";

    private ImageAnomalyEventJson() {}

    /** Encodes an event as UTF-8 JSON. */
    public static byte[] encode(ImageAnomalyEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator json = EventJson.FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            EventJson.writeHead(json, event.sourceId(), event.ts(), event.ts(), event.score(), event.threshold(),
                    event.severity(), event.model(), event.modelVersion());
            if (event.condition() != null) {
                json.writeStringField("condition", event.condition());
            }
            EventJson.writeChannels(json, event.channels(), event.channelErrors());
            json.writeNumberField("peakTs", event.ts());
            json.writeObjectFieldStart("peak");
            json.writeNumberField("row", event.peakRow());
            json.writeNumberField("col", event.peakCol());
            json.writeNumberField("error", event.peakError());
            json.writeEndObject();
            json.writeObjectFieldStart("errorGrid");
            json.writeNumberField("rows", event.gridRows());
            json.writeNumberField("cols", event.gridCols());
            json.writeArrayFieldStart("errors");
            for (int i = 0; i < event.gridRows(); i++) {
                json.writeArray(event.gridErrors(), i * event.gridCols(), event.gridCols());
            }
            json.writeEndArray();
            json.writeEndObject();
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
    public static ImageAnomalyEvent decode(byte[] json) {
        JsonNode root = EventJson.readObject(json, WHAT);
        EventJson.Channels channels = EventJson.channels(root, WHAT);
        JsonNode peak = field(root, "peak");
        JsonNode grid = field(root, "errorGrid");
        int rows = field(grid, "rows").intValue();
        int cols = field(grid, "cols").intValue();
        JsonNode cells = field(grid, "errors");
        if (cells.size() != rows) {
            throw new IllegalArgumentException("image anomaly event's errorGrid has " + cells.size()
                    + " rows of errors, not " + rows);
        }
        double[] gridErrors = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            JsonNode row = cells.get(i);
            if (row.size() != cols) {
                throw new IllegalArgumentException("image anomaly event's errorGrid row " + i + " has "
                        + row.size() + " errors, not " + cols);
            }
            for (int j = 0; j < cols; j++) {
                gridErrors[i * cols + j] = row.get(j).doubleValue();
            }
        }
        double score = field(root, "score").doubleValue();
        double threshold = field(root, "threshold").doubleValue();
        return new ImageAnomalyEvent(
                field(root, "sensorId").textValue(),
                field(root, "windowStart").longValue(),
                score,
                threshold,
                EventJson.severity(root, score, threshold, WHAT),
                field(root, "model").textValue(),
                field(root, "modelVersion").textValue(),
                channels.names(),
                channels.errors(),
                field(peak, "row").intValue(),
                field(peak, "col").intValue(),
                field(peak, "error").doubleValue(),
                rows,
                cols,
                gridErrors,
                condition(root.get("condition")));
    }

    private static String condition(JsonNode condition) {
        if (condition == null || condition.isNull()) {
            return null;
        }
        if (!condition.isTextual() || condition.textValue().isBlank()) {
            throw new IllegalArgumentException("image anomaly event's 'condition' must be a non-blank string, got "
                    + condition);
        }
        return condition.textValue();
    }

    private static JsonNode field(JsonNode node, String name) {
        return EventJson.field(node, name, WHAT);
    }
}
