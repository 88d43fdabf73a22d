package dev.recon.jobs.kafka;

import dev.recon.jobs.StartingOffsets;
import dev.recon.jobs.TimeSeriesJobConfig;
import dev.recon.operators.types.AnomalyEvent;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DenoisedWindow;
import dev.recon.operators.types.IncidentEvent;
import dev.recon.operators.types.RawInput;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

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

    private TimeSeriesKafka() {}

    /** The source of raw input records from {@code topic.readings}. */
    public static KafkaSource<RawInput> readingsSource(TimeSeriesJobConfig config) {
        return wiring(config).rawInputSource(config.readingsTopic(), config.startingOffsets());
    }

    /**
     * The source of model announcements from {@code topic.model-updates}. It always starts from the
     * earliest offset when there is no checkpoint: the topic is the log of model versions, and
     * replaying it leaves the job serving the last valid announcement.
     */
    public static KafkaSource<String> modelUpdatesSource(TimeSeriesJobConfig config) {
        return wiring(config).modelUpdatesSource(config.modelUpdatesTopic());
    }

    /** The sink of anomaly events to {@code topic.anomalies}. */
    public static KafkaSink<AnomalyEvent> anomalySink(TimeSeriesJobConfig config) {
        return wiring(config).sink(new AnomalyEventSerializer(config.anomaliesTopic()), "anomalies").build();
    }

    /** The sink of incident events to {@code topic.incidents}. */
    public static KafkaSink<IncidentEvent> incidentSink(TimeSeriesJobConfig config) {
        return wiring(config).sink(new IncidentEventSerializer(config.incidentsTopic()), "incidents").build();
    }

    /** The sink of reconstructions to {@code topic.denoised}. */
    public static KafkaSink<DenoisedWindow> denoisedSink(TimeSeriesJobConfig config) {
        return wiring(config).sink(new DenoisedWindowSerializer(config.denoisedTopic()), "denoised").build();
    }

    /**
     * The sink of dead letters to {@code topic.dlq}. Dead letters keep their payload unchanged, so
     * the producer accepts records somewhat larger than {@code input.max-record-bytes} (oversized
     * records included, up to that headroom); the topic must accept them too.
     */
    public static KafkaSink<DeadLetter> deadLetterSink(TimeSeriesJobConfig config) {
        return wiring(config).deadLetterSink(new DeadLetterSerializer(config.deadLetterTopic()),
                config.maxRecordBytes());
    }

    /** The Kafka starting offsets for a setting. */
    static OffsetsInitializer startingOffsets(StartingOffsets offsets) {
        return KafkaWiring.startingOffsets(offsets);
    }

    private static KafkaWiring wiring(TimeSeriesJobConfig config) {
        return new KafkaWiring(config.bootstrapServers(), config.kafkaClientProperties(), config.groupId(),
                config.deliveryGuarantee(), config.transactionalIdPrefix());
    }
}
