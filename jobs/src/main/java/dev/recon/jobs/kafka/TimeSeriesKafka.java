package dev.recon.jobs.kafka;

import dev.recon.jobs.StartingOffsets;
import dev.recon.jobs.TimeSeriesJobConfig;
import dev.recon.operators.types.AnomalyEvent;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DenoisedWindow;
import dev.recon.operators.types.IncidentEvent;
import dev.recon.operators.types.RawInput;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka source and sinks of the time-series job, configured from its settings.
 *
 * <pre>{@code
 * KafkaSource<RawInput> readings = TimeSeriesKafka.readingsSource(config);
 * KafkaSink<AnomalyEvent> anomalies = TimeSeriesKafka.anomalySink(config);
 * KafkaSink<DeadLetter> deadLetters = TimeSeriesKafka.deadLetterSink(config);
 * }</pre>
 */
public final class TimeSeriesKafka {

    /**
     * Kafka's broker transaction timeout ceiling by default ({@code transaction.max.timeout.ms}).
     * The Kafka sink asks for one hour unless told otherwise, which a default broker refuses.
     */
    static final String TRANSACTION_TIMEOUT_MS = Integer.toString(15 * 60 * 1000);

    /** Headroom over the payload limit for the dead-letter producer: headers and record overhead. */
    static final int DEAD_LETTER_OVERHEAD_BYTES = 64 * 1024;

    private TimeSeriesKafka() {}

    /** The source of raw input records from {@code topic.readings}. */
    public static KafkaSource<RawInput> readingsSource(TimeSeriesJobConfig config) {
        // Pass-through client properties first: the settings recon owns are set after and win.
        return KafkaSource.<RawInput>builder()
                .setProperties(clientProperties(config))
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(config.readingsTopic())
                .setGroupId(config.groupId())
                .setClientIdPrefix(config.groupId())
                .setStartingOffsets(startingOffsets(config.startingOffsets()))
                .setDeserializer(new RawInputDeserializer())
                .build();
    }

    /**
     * The source of model announcements from {@code topic.model-updates}. It always starts from the
     * earliest offset when there is no checkpoint: the topic is the log of model versions, and
     * replaying it leaves the job serving the last valid announcement.
     */
    public static KafkaSource<String> modelUpdatesSource(TimeSeriesJobConfig config) {
        return KafkaSource.<String>builder()
                .setProperties(clientProperties(config))
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(config.modelUpdatesTopic())
                .setGroupId(config.groupId() + "-model-updates")
                .setClientIdPrefix(config.groupId() + "-model-updates")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setValueOnlyDeserializer(new SimpleStringSchema())
                .build();
    }

    /** The sink of anomaly events to {@code topic.anomalies}. */
    public static KafkaSink<AnomalyEvent> anomalySink(TimeSeriesJobConfig config) {
        return sink(config, new AnomalyEventSerializer(config.anomaliesTopic()), "anomalies").build();
    }

    /** The sink of incident events to {@code topic.incidents}. */
    public static KafkaSink<IncidentEvent> incidentSink(TimeSeriesJobConfig config) {
        return sink(config, new IncidentEventSerializer(config.incidentsTopic()), "incidents").build();
    }

    /** The sink of reconstructions to {@code topic.denoised}. */
    public static KafkaSink<DenoisedWindow> denoisedSink(TimeSeriesJobConfig config) {
        return sink(config, new DenoisedWindowSerializer(config.denoisedTopic()), "denoised").build();
    }

    /**
     * The sink of dead letters to {@code topic.dlq}. Dead letters keep their payload unchanged, so
     * the producer accepts records somewhat larger than {@code input.max-record-bytes} (oversized
     * records included, up to that headroom); the topic must accept them too.
     */
    public static KafkaSink<DeadLetter> deadLetterSink(TimeSeriesJobConfig config) {
        int maxRequest = Math.max(config.maxRecordBytes(), 1 << 20) + DEAD_LETTER_OVERHEAD_BYTES;
        return sink(config, new DeadLetterSerializer(config.deadLetterTopic()), "dead-letters")
                .setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRequest))
                .build();
    }

    private static <T> KafkaSinkBuilder<T> sink(
            TimeSeriesJobConfig config, KafkaRecordSerializationSchema<T> serializer, String name) {
        KafkaSinkBuilder<T> builder = KafkaSink.<T>builder()
                .setKafkaProducerConfig(clientProperties(config))
                .setBootstrapServers(config.bootstrapServers())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(config.deliveryGuarantee());
        if (config.deliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
            // Each sink needs its own prefix: two sinks sharing one would fence each other.
            builder.setTransactionalIdPrefix(config.transactionalIdPrefix() + "-" + name)
                    .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        }
        return builder;
    }

    /** The Kafka starting offsets for a setting. */
    // Kafka 4 deprecates OffsetResetStrategy, but the connector's committedOffsets() takes only it.
    @SuppressWarnings("deprecation")
    static OffsetsInitializer startingOffsets(StartingOffsets offsets) {
        return switch (offsets) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }

    private static Properties clientProperties(TimeSeriesJobConfig config) {
        Properties properties = new Properties();
        properties.putAll(config.kafkaClientProperties());
        return properties;
    }
}
