package dev.recon.jobs.kafka;

import dev.recon.operators.events.IncidentEventJson;
import dev.recon.operators.types.IncidentEvent;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes an {@link IncidentEvent} as its JSON ({@link IncidentEventJson}) with the sensor id as key. */
public final class IncidentEventSerializer implements KafkaRecordSerializationSchema<IncidentEvent> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    /** A serializer writing to {@code topic}. */
    public IncidentEventSerializer(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(IncidentEvent value, KafkaSinkContext context, Long timestamp) {
        // No explicit timestamp, as for anomalies: the producer stamps the time of writing.
        return new ProducerRecord<>(topic, null, null,
                value.sensorId().getBytes(StandardCharsets.UTF_8), IncidentEventJson.encode(value));
    }
}
