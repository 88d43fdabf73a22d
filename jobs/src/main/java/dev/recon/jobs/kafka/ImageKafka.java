package dev.recon.jobs.kafka;

import dev.recon.jobs.ImageJobConfig;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DenoisedImage;
import dev.recon.operators.types.ImageAnomalyEvent;
import dev.recon.operators.types.RawInput;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;

/**
 * The Kafka source and sinks of the image job, configured from its settings the way
 * {@link TimeSeriesKafka} configures the time-series job's.
 *
 * <pre>{@code
 * KafkaSource<RawInput> images = ImageKafka.imagesSource(config);
 * KafkaSink<ImageAnomalyEvent> anomalies = ImageKafka.anomalySink(config);
 * KafkaSink<DeadLetter> deadLetters = ImageKafka.deadLetterSink(config);
 * }</pre>
 */
public final class ImageKafka {

    private ImageKafka() {}

    /** The source of raw input records from {@code topic.images}. */
    public static KafkaSource<RawInput> imagesSource(ImageJobConfig config) {
        return wiring(config).rawInputSource(config.imagesTopic(), config.startingOffsets());
    }

    /** The source of model announcements from {@code topic.model-updates}, from the earliest offset. */
    public static KafkaSource<String> modelUpdatesSource(ImageJobConfig config) {
        return wiring(config).modelUpdatesSource(config.modelUpdatesTopic());
    }

    /** The sink of image anomaly events to {@code topic.anomalies}. */
    public static KafkaSink<ImageAnomalyEvent> anomalySink(ImageJobConfig config) {
        return wiring(config).sink(new ImageAnomalyEventSerializer(config.anomaliesTopic()), "anomalies").build();
    }

    /** The sink of reconstructed images (PNG) to {@code topic.denoised}. */
    public static KafkaSink<DenoisedImage> denoisedSink(ImageJobConfig config) {
        return wiring(config).sink(new DenoisedImageSerializer(config.denoisedTopic()), "denoised").build();
    }

    /**
     * The sink of dead letters to {@code topic.dlq}: payloads unchanged, so the producer accepts
     * records somewhat larger than {@code input.max-record-bytes}; the topic must accept them too.
     */
    public static KafkaSink<DeadLetter> deadLetterSink(ImageJobConfig config) {
        return wiring(config).deadLetterSink(new DeadLetterSerializer(config.deadLetterTopic()),
                config.maxRecordBytes());
    }

    private static KafkaWiring wiring(ImageJobConfig config) {
        return new KafkaWiring(config.bootstrapServers(), config.kafkaClientProperties(), config.groupId(),
                config.deliveryGuarantee(), config.transactionalIdPrefix());
    }
}
