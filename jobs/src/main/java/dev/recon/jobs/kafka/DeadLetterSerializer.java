package dev.recon.jobs.kafka;

import dev.recon.operators.types.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Writes a {@link DeadLetter} as the original payload, byte for byte, with the reason, detail and
 * origin in {@link DeadLetterHeaders} and the original record's timestamp.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    /** Longest detail header written; a detail quoting a huge value must not bloat the record. */
    static final int MAX_DETAIL_CHARS = 2000;

    private final String topic;

    /** A serializer writing to {@code topic}. */
    public DeadLetterSerializer(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        String detail = letter.detail().length() <= MAX_DETAIL_CHARS ? letter.detail()
                : letter.detail().substring(0, MAX_DETAIL_CHARS) + "...";
        List<Header> headers = List.of(
                header(DeadLetterHeaders.ERROR, letter.reason().name()),
                header(DeadLetterHeaders.ERROR_DETAIL, detail),
                header(DeadLetterHeaders.ORIGIN, letter.origin()));
        // The key is not kept by the source; a null key spreads dead letters over the partitions.
        return new ProducerRecord<>(topic, null, letter.timestamp() >= 0 ? letter.timestamp() : null,
                null, letter.payload(), headers);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
