package dev.recon.operators.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Tests for {@link DeadLetterJson}. */
class DeadLetterJsonTest {

    private static JsonNode encode(byte[] payload) throws Exception {
        DeadLetter letter = new DeadLetter(payload, DeadLetterReason.INVALID_JSON, "bad \"quote\"", "r/0@3", 5L,
                1763877354123L);
        return new ObjectMapper().readTree(DeadLetterJson.encode(letter));
    }

    @Test
    void showsAUtf8PayloadAsText() throws Exception {
        JsonNode json = encode("{oops ü".getBytes(StandardCharsets.UTF_8));
        assertThat(json.get("reason").textValue()).isEqualTo("INVALID_JSON");
        assertThat(json.get("detail").textValue()).isEqualTo("bad \"quote\"");
        assertThat(json.get("origin").textValue()).isEqualTo("r/0@3");
        assertThat(json.get("timestamp").longValue()).isEqualTo(5L);
        assertThat(json.get("rejectedAt").textValue()).isEqualTo("2025-11-23T05:55:54.123Z");
        assertThat(json.get("payload").textValue()).isEqualTo("{oops ü");
    }

    @Test
    void showsOtherBytesAsBase64AndNoPayloadAsNothing() throws Exception {
        byte[] binary = {(byte) 0xC3, 0x28, 0x00};
        JsonNode json = encode(binary);
        assertThat(json.has("payload")).isFalse();
        assertThat(Base64.getDecoder().decode(json.get("payloadBase64").textValue())).isEqualTo(binary);
        JsonNode none = encode(null);
        assertThat(none.has("payload")).isFalse();
        assertThat(none.has("payloadBase64")).isFalse();
    }
}
