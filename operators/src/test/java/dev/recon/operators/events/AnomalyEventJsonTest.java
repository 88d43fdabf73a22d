package dev.recon.operators.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.operators.types.AnomalyEvent;
import dev.recon.operators.types.ScoredWindow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link AnomalyEventJson}, {@link ToAnomalyEvent} and {@link IsAnomalous}. */
class AnomalyEventJsonTest {

    private static final ScoredWindow WINDOW = new ScoredWindow("pump-7", 1763877290000L, 1763877354123L,
            0.083, 0.021, true, new String[] {"temperature", "vibration"}, new double[] {0.12, 0.002},
            1763877351000L, "pump-vae", "3", new double[] {71.5, 0.4});

    @Test
    void writesTheArchitectureContractFieldsInOrder() throws Exception {
        AnomalyEvent event = new ToAnomalyEvent().map(WINDOW);
        String json = new String(AnomalyEventJson.encode(event), StandardCharsets.UTF_8);
        JsonNode tree = new ObjectMapper().readTree(json);
        List<String> fields = new ArrayList<>();
        tree.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("sensorId", "windowStart", "windowEnd", "score", "threshold",
                "severity", "model", "modelVersion", "channels", "peakTs");
        assertThat(tree.get("severity").doubleValue()).isEqualTo(0.083 / 0.021);
        assertThat(tree.get("modelVersion").isTextual()).isTrue();
        assertThat(json).contains("\"channels\":{\"temperature\":0.12,\"vibration\":0.002}");
    }

    @Test
    void roundTrips() {
        AnomalyEvent event = AnomalyEvent.of(WINDOW);
        assertThat(AnomalyEventJson.decode(AnomalyEventJson.encode(event))).isEqualTo(event);
    }

    @Test
    void writesTheAlarmRulesNumbersLastWhenARuleMadeTheEvent() throws Exception {
        AnomalyEvent event = AnomalyEvent.of(WINDOW)
                .withAlarm(new AnomalyEvent.Alarm("onset-likelihood", 1.93, 1.2, 2.07, 0.9324, false));
        byte[] json = AnomalyEventJson.encode(event);
        JsonNode tree = new ObjectMapper().readTree(json);
        List<String> fields = new ArrayList<>();
        tree.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).endsWith("peakTs", "alarm");
        assertThat(tree.get("alarm").toString())
                .isEqualTo("{\"rule\":\"onset-likelihood\",\"score\":1.93,\"level\":1.2,\"onset\":2.07,"
                        + "\"likelihood\":0.9324,\"newValue\":false}");
        assertThat(AnomalyEventJson.decode(json)).isEqualTo(event);
        // an event of before novelty has no newValue: false
        String old = new String(json, java.nio.charset.StandardCharsets.UTF_8).replace(",\"newValue\":false", "");
        assertThat(AnomalyEventJson.decode(old.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(event);
        AnomalyEvent novel = AnomalyEvent.of(WINDOW)
                .withAlarm(new AnomalyEvent.Alarm("onset-likelihood", 1.0, 0.7, 0.4, 0.6, true));
        assertThat(AnomalyEventJson.decode(AnomalyEventJson.encode(novel))).isEqualTo(novel);
        assertThat(AnomalyEventJson.decode(AnomalyEventJson.encode(AnomalyEvent.of(WINDOW))).alarm()).isNull();
    }

    @Test
    void writesANullSeverityForAZeroThresholdAndReadsItBack() {
        ScoredWindow atZero = new ScoredWindow("s", 1, 2, 0.5, 0, true, new String[] {"v"}, new double[] {0.5},
                1, "m", "1", new double[] {1});
        AnomalyEvent event = AnomalyEvent.of(atZero);
        assertThat(event.severity()).isInfinite();
        byte[] json = AnomalyEventJson.encode(event);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"severity\":null");
        assertThat(AnomalyEventJson.decode(json)).isEqualTo(event);
    }

    @Test
    void namesAMissingFieldWhenDecoding() {
        assertThatThrownBy(() -> AnomalyEventJson.decode("{\"sensorId\":\"s\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no 'channels' field");
    }

    @Test
    void keepsOnlyAnomalousWindows() {
        ScoredWindow quiet = new ScoredWindow("s", 1, 2, 0.001, 0.021, false, new String[] {"v"},
                new double[] {0.001}, 1, "m", "1", new double[] {1});
        assertThat(new IsAnomalous().filter(WINDOW)).isTrue();
        assertThat(new IsAnomalous().filter(quiet)).isFalse();
    }
}
