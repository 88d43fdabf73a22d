package dev.recon.jobs.kafka;

import dev.recon.operators.events.AnomalyEventJson;
import dev.recon.operators.types.AnomalyEvent;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes an {@link AnomalyEvent} as its JSON ({@link AnomalyEventJson}) with the sensor id as key. */
public final class AnomalyEventSerializer implements KafkaRecordSerializationSchema<AnomalyEvent> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    /** A serializer writing to {@code topic}. */
    public AnomalyEventSerializer(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(AnomalyEvent event, KafkaSinkContext context, Long timestamp) {
        // No explicit timestamp: the producer stamps the time of writing. The window's own time is in
        // the value, and a sensor clock far in the future must not get the record refused by the
        // broker (message.timestamp.after.max.ms), which would fail the job.
        return new ProducerRecord<>(topic, null, null,
                event.sensorId().getBytes(StandardCharsets.UTF_8), AnomalyEventJson.encode(event));
    }
}
