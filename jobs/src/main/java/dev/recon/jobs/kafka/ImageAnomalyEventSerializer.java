package dev.recon.jobs.kafka;

import dev.recon.operators.events.ImageAnomalyEventJson;
import dev.recon.operators.types.ImageAnomalyEvent;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes an {@link ImageAnomalyEvent} as its JSON ({@link ImageAnomalyEventJson}) with the source id as key. */
public final class ImageAnomalyEventSerializer implements KafkaRecordSerializationSchema<ImageAnomalyEvent> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    /** A serializer writing to {@code topic}. */
    public ImageAnomalyEventSerializer(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(ImageAnomalyEvent event, KafkaSinkContext context,
            Long timestamp) {
        // No explicit timestamp, as for window events: the image's time is in the value, and a camera
        // clock far in the future must not get the record refused by the broker.
        return new ProducerRecord<>(topic, null, null,
                event.sourceId().getBytes(StandardCharsets.UTF_8), ImageAnomalyEventJson.encode(event));
    }
}
