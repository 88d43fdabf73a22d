package dev.recon.jobs.kafka;

import dev.recon.operators.events.DenoisedWindowJson;
import dev.recon.operators.types.DenoisedWindow;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a {@link DenoisedWindow} as its JSON ({@link DenoisedWindowJson}) with the sensor id as key. */
public final class DenoisedWindowSerializer implements KafkaRecordSerializationSchema<DenoisedWindow> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    /** A serializer writing to {@code topic}. */
    public DenoisedWindowSerializer(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DenoisedWindow value, KafkaSinkContext context, Long timestamp) {
        // No explicit timestamp, as for anomalies: the producer stamps the time of writing.
        return new ProducerRecord<>(topic, null, null,
                value.sensorId().getBytes(StandardCharsets.UTF_8), DenoisedWindowJson.encode(value));
    }
}
