package dev.recon.operators.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.operators.types.AnomalyEvent;
import dev.recon.operators.types.ImageAnomalyEvent;
import dev.recon.operators.types.ScoredImage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tests for {@link ImageAnomalyEventJson}. */
class ImageAnomalyEventJsonTest {

    private static final ScoredImage SCORED = new ScoredImage("camera-3", 1_763_877_354_123L, 0.083, 0.021, true,
            new String[] {"red", "green", "blue"}, new double[] {0.1, 0.09, 0.059}, 12, 7, 0.61, 2, 3,
            new double[] {0.01, 0.02, 0.03, 0.04, 0.05, 0.25}, "fashion", "1");

    @Test
    void roundTripsAndWritesTheDocumentedFields() throws Exception {
        ImageAnomalyEvent event = ImageAnomalyEvent.of(SCORED);
        byte[] json = ImageAnomalyEventJson.encode(event);
        assertThat(ImageAnomalyEventJson.decode(json)).isEqualTo(event);

        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.get("sensorId").asText()).isEqualTo("camera-3");
        assertThat(root.get("windowStart").asLong()).isEqualTo(1_763_877_354_123L);
        assertThat(root.get("windowEnd").asLong()).isEqualTo(1_763_877_354_123L);
        assertThat(root.get("peakTs").asLong()).isEqualTo(1_763_877_354_123L);
        assertThat(root.get("severity").asDouble()).isEqualTo(0.083 / 0.021);
        assertThat(root.get("peak").toString()).isEqualTo("{\"row\":12,\"col\":7,\"error\":0.61}");
        assertThat(root.get("errorGrid").toString())
                .isEqualTo("{\"rows\":2,\"cols\":3,\"errors\":[[0.01,0.02,0.03],[0.04,0.05,0.25]]}");
        assertThat(event.gridError(1, 2)).isEqualTo(0.25);
        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"sensorId\":\"camera-3\",\"windowStart\"");
    }

    @Test
    void writesTheConditionOnlyForAConditionalModelAndReadsItBack() throws Exception {
        assertThat(new ObjectMapper().readTree(ImageAnomalyEventJson.encode(ImageAnomalyEvent.of(SCORED))).has("condition"))
                .as("an unconditional model's event has no condition field").isFalse();

        ScoredImage conditioned = new ScoredImage("camera-3", 1_763_877_354_123L, 0.083, 0.021, true,
                new String[] {"gray"}, new double[] {0.083}, 12, 7, 0.61, 1, 1, new double[] {0.083}, "fashion", "1",
                "sneaker");
        ImageAnomalyEvent event = ImageAnomalyEvent.of(conditioned);
        byte[] json = ImageAnomalyEventJson.encode(event);
        assertThat(new ObjectMapper().readTree(json).get("condition").textValue()).isEqualTo("sneaker");
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"modelVersion\":\"1\",\"condition\":\"sneaker\",");
        ImageAnomalyEvent decoded = ImageAnomalyEventJson.decode(json);
        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.condition()).isEqualTo("sneaker");
        // a reader of window events still reads it
        assertThat(AnomalyEventJson.decode(json).sensorId()).isEqualTo("camera-3");

        String withNumber = new String(json, StandardCharsets.UTF_8).replace("\"sneaker\"", "7");
        assertThatThrownBy(() -> ImageAnomalyEventJson.decode(withNumber.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'condition' must be a non-blank string");
        String withNull = new String(json, StandardCharsets.UTF_8).replace("\"sneaker\"", "null");
        assertThat(ImageAnomalyEventJson.decode(withNull.getBytes(StandardCharsets.UTF_8)).condition()).isNull();
    }

    @Test
    void isReadableAsAWindowEvent() {
        AnomalyEvent asWindow = AnomalyEventJson.decode(ImageAnomalyEventJson.encode(ImageAnomalyEvent.of(SCORED)));
        assertThat(asWindow.sensorId()).isEqualTo("camera-3");
        assertThat(asWindow.windowStart()).isEqualTo(asWindow.windowEnd()).isEqualTo(asWindow.peakTs());
        assertThat(asWindow.channelErrorMap()).containsOnlyKeys("red", "green", "blue");
        assertThat(asWindow.score()).isEqualTo(0.083);
    }

    @Test
    void aZeroThresholdWritesNullSeverityAndReadsItBack() {
        ScoredImage zero = new ScoredImage("c", 1, 0.5, 0, true, new String[] {"gray"}, new double[] {0.5}, 0, 0,
                1, 1, 1, new double[] {0.5}, "m", "1");
        byte[] json = ImageAnomalyEventJson.encode(ImageAnomalyEvent.of(zero));
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"severity\":null");
        assertThat(ImageAnomalyEventJson.decode(json).severity()).isInfinite();
    }

    @Test
    void rejectsWhatIsNotAnImageEvent() {
        assertThatThrownBy(() -> ImageAnomalyEventJson.decode("{\"sensorId\": \"c\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no 'channels' field");
        assertThatThrownBy(() -> ImageAnomalyEventJson.decode("[]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("expected an object");
    }
}
