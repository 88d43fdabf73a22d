package dev.recon.cli.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link SensorReadingEncoder}. */
class SensorReadingEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneChannelIsSentAsValue() throws Exception {
        byte[] bytes = new SensorReadingEncoder("pump-7", List.of("value")).encode(1763877354123L, new double[] {71.3});
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{\"sensorId\":\"pump-7\",\"ts\":1763877354123,\"value\":71.3}");
    }

    @Test
    void severalChannelsAreSentAsValuesAndNamesAreEscaped() throws Exception {
        SensorReadingEncoder encoder = new SensorReadingEncoder("a\"b\\c", List.of("temp", "vib\n"));
        JsonNode node = JSON.readTree(encoder.encode(5, new double[] {1.5, -2e-9}));
        assertThat(node.get("sensorId").asText()).isEqualTo("a\"b\\c");
        assertThat(node.get("values").get("temp").asDouble()).isEqualTo(1.5);
        assertThat(node.get("values").get("vib\n").asDouble()).isEqualTo(-2e-9);
        assertThatThrownBy(() -> encoder.encode(1, new double[] {1})).hasMessageContaining("expected 2 values, got 1");
        assertThatThrownBy(() -> new SensorReadingEncoder(" ", List.of("v"))).hasMessageContaining("sensor id");
    }
}
