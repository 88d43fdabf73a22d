package dev.recon.jobs.kafka;

import dev.recon.jobs.StartingOffsets;
import dev.recon.operators.types.RawInput;
import java.util.Map;
import java.util.Objects;
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
 * How every recon job talks to Kafka, whatever it reads: raw-record and model-update sources, and
 * sinks with the job's delivery guarantee. {@link TimeSeriesKafka} and {@link ImageKafka} configure
 * these from their job's settings.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param clientProperties properties passed to every client first (recon's own settings win)
 * @param groupId consumer group of the input source
 * @param deliveryGuarantee delivery guarantee of every sink
 * @param transactionalIdPrefix prefix of the sinks' transactional ids (exactly-once only)
 */
record KafkaWiring(String bootstrapServers, Map<String, String> clientProperties, String groupId,
        DeliveryGuarantee deliveryGuarantee, String transactionalIdPrefix) {

    /**
     * Kafka's broker transaction timeout ceiling by default ({@code transaction.max.timeout.ms}).
     * The Kafka sink asks for one hour unless told otherwise, which a default broker refuses.
     */
    static final String TRANSACTION_TIMEOUT_MS = Integer.toString(15 * 60 * 1000);

    /** Producer batch size of the sinks unless the client properties set one. */
    static final int SINK_BATCH_BYTES = 256 * 1024;

    /** Headroom over the payload limit for the dead-letter producer: headers and record overhead. */
    static final int DEAD_LETTER_OVERHEAD_BYTES = 64 * 1024;

    KafkaWiring {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(clientProperties, "clientProperties");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(deliveryGuarantee, "deliveryGuarantee");
        Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
    }

    /** The source of raw input records from {@code topic}, starting at {@code offsets} without a checkpoint. */
    KafkaSource<RawInput> rawInputSource(String topic, StartingOffsets offsets) {
        // Pass-through client properties first: the settings recon owns are set after and win.
        return KafkaSource.<RawInput>builder()
                .setProperties(properties())
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setClientIdPrefix(groupId)
                .setStartingOffsets(startingOffsets(offsets))
                .setDeserializer(new RawInputDeserializer())
                .build();
    }

    /**
     * The source of model announcements from {@code topic}. It always starts from the earliest
     * offset when there is no checkpoint: the topic is the log of model versions, and replaying it
     * leaves the job serving the last valid announcement.
     */
    KafkaSource<String> modelUpdatesSource(String topic) {
        return KafkaSource.<String>builder()
                .setProperties(properties())
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId + "-model-updates")
                .setClientIdPrefix(groupId + "-model-updates")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setValueOnlyDeserializer(new SimpleStringSchema())
                .build();
    }

    /**
     * A sink builder with the job's delivery guarantee.
     *
     * @param name the sink's name, part of its transactional id prefix (unique per sink of a job)
     */
    <T> KafkaSinkBuilder<T> sink(KafkaRecordSerializationSchema<T> serializer, String name) {
        Properties producer = properties();
        // Every window can be an event (an outage, a threshold of 0): batches of Kafka's default 16 KiB
        // then fill within a millisecond or two, and each is a request for the broker. Larger ones cost
        // nothing when traffic is low (linger.ms still bounds the wait) and cut the broker's and the
        // producer's work per event by about a tenth when it is high. A kafka.client.batch.size wins.
        producer.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(SINK_BATCH_BYTES));
        KafkaSinkBuilder<T> builder = KafkaSink.<T>builder()
                .setKafkaProducerConfig(producer)
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(deliveryGuarantee);
        if (deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            // Each sink needs its own prefix: two sinks sharing one would fence each other.
            builder.setTransactionalIdPrefix(transactionalIdPrefix + "-" + name)
                    .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        }
        return builder;
    }

    /**
     * The sink of dead letters to {@code topic}. Dead letters keep their payload unchanged, so the
     * producer accepts records somewhat larger than {@code maxRecordBytes} (oversized records
     * included, up to that headroom); the topic must accept them too.
     */
    <T> KafkaSink<T> deadLetterSink(KafkaRecordSerializationSchema<T> serializer, int maxRecordBytes) {
        int maxRequest = Math.max(maxRecordBytes, 1 << 20) + DEAD_LETTER_OVERHEAD_BYTES;
        return sink(serializer, "dead-letters")
                .setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRequest))
                .build();
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

    private Properties properties() {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        return properties;
    }
}
