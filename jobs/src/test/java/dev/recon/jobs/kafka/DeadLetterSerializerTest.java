package dev.recon.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Tests for {@link DeadLetterSerializer}. */
class DeadLetterSerializerTest {

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void writesThePayloadUnchangedWithTheReasonInHeaders() {
        byte[] payload = {'{', 'x', (byte) 0xC3};
        DeadLetter letter = new DeadLetter(payload, DeadLetterReason.INVALID_JSON, "bad at column 2",
                "sensor-readings/1@9", 1234L, 5678L);
        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("sensor-readings.dlq")
                .serialize(letter, null, null);
        assertThat(record.topic()).isEqualTo("sensor-readings.dlq");
        assertThat(record.value()).isEqualTo(payload);
        assertThat(record.key()).isNull();
        assertThat(record.timestamp()).isEqualTo(1234L);
        assertThat(header(record, DeadLetterHeaders.ERROR)).isEqualTo("INVALID_JSON");
        assertThat(header(record, DeadLetterHeaders.ERROR_DETAIL)).isEqualTo("bad at column 2");
        assertThat(header(record, DeadLetterHeaders.ORIGIN)).isEqualTo("sensor-readings/1@9");
    }

    @Test
    void keepsANullValueAndLeavesAMissingTimestampToTheProducer() {
        DeadLetter letter = new DeadLetter(null, DeadLetterReason.EMPTY_PAYLOAD, "no value", "t/0@1", -1L, 0L);
        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("dlq").serialize(letter, null, null);
        assertThat(record.value()).isNull();
        assertThat(record.timestamp()).isNull();
    }

    @Test
    void shortensAHugeDetail() {
        DeadLetter letter = new DeadLetter(new byte[0], DeadLetterReason.INVALID_FIELD, "x".repeat(10_000), "t/0@1",
                1L, 1L);
        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("dlq").serialize(letter, null, null);
        assertThat(header(record, DeadLetterHeaders.ERROR_DETAIL))
                .hasSize(DeadLetterSerializer.MAX_DETAIL_CHARS + 3).endsWith("...");
    }
}
