package dev.recon.jobs.kafka;

import dev.recon.operators.events.DenoisedImageJson;
import dev.recon.operators.types.DenoisedImage;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a {@link DenoisedImage} as its JSON with a base64 PNG ({@link DenoisedImageJson}), keyed by source id. */
public final class DenoisedImageSerializer implements KafkaRecordSerializationSchema<DenoisedImage> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    /** A serializer writing to {@code topic}. */
    public DenoisedImageSerializer(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DenoisedImage image, KafkaSinkContext context, Long timestamp) {
        // No explicit timestamp, as for anomalies: the producer stamps the time of writing.
        return new ProducerRecord<>(topic, null, null,
                image.sourceId().getBytes(StandardCharsets.UTF_8), DenoisedImageJson.encode(image));
    }
}
