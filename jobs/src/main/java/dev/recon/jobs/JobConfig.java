package dev.recon.jobs;

import dev.recon.jobs.config.Setting;
import dev.recon.jobs.config.Settings;
import dev.recon.model.bundle.BundleFormatException;
import dev.recon.model.bundle.ModelBundle;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The validated settings every recon job has, whatever it reads: the part {@link TimeSeriesJobConfig}
 * and {@link ImageJobConfig} share.
 *
 * <p>A setting that means the same in every job is declared here once, so it has one key, default and
 * description. A setting every job has but with its own default or description is declared by each
 * job and handed here in {@link OwnSettings}; the accessors below read either kind.
 */
public abstract class JobConfig {

    /** Kafka bootstrap servers. */
    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.required("kafka.bootstrap-servers",
            "host:port[,host:port...]", "Kafka bootstrap servers of the input and output topics.",
            Setting::nonBlank);
    /** Where to start reading. */
    public static final Setting<StartingOffsets> STARTING_OFFSETS = Setting.choice("kafka.starting-offsets",
            StartingOffsets.class, StartingOffsets.COMMITTED,
            "Where to start reading the input topic when the job starts without a checkpoint: earliest, latest, "
                    + "or the group's committed offsets (earliest where there are none).");
    /** Delivery guarantee of the Kafka sinks. */
    public static final Setting<DeliveryGuarantee> DELIVERY_GUARANTEE = Setting.choice("delivery.guarantee",
            DeliveryGuarantee.class, DeliveryGuarantee.AT_LEAST_ONCE,
            "Delivery guarantee of the anomaly and dead-letter sinks. exactly-once writes in Kafka transactions "
                    + "committed on checkpoints (consumers must read with isolation.level=read_committed, and see "
                    + "output only after each checkpoint).");
    /** Transactional id prefix (exactly-once only). */
    public static final Setting<String> TRANSACTIONAL_ID_PREFIX = Setting.derived("kafka.transactional-id-prefix",
            "string", "`<job.name>`",
            "Prefix of the Kafka transactional ids (exactly-once only); unique per job on a Kafka cluster.",
            Setting::nonBlank);
    /** Whether models can be swapped at run time. */
    public static final Setting<Boolean> HOT_SWAP = Setting.bool("model.hot-swap", true,
            "Listen to topic.model-updates for new bundles of the serving model and swap them in without a "
                    + "restart. The topic must exist when this is true.");
    /** Control topic of model announcements. */
    public static final Setting<String> MODEL_UPDATES_TOPIC = Setting.string("topic.model-updates", "model-updates",
            "Topic announcing new model bundles: {\"model\": NAME, \"bundle\": PATH}, PATH readable by every "
                    + "TaskManager. Rejected bundles are logged and counted; the old model keeps serving.");

    /** Prefix of keys passed to the Kafka clients as they are. */
    public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";
    /** What the {@value #KAFKA_CLIENT_PREFIX}* keys are for, for the help text. */
    static final String KAFKA_CLIENT_DESCRIPTION =
            "Passed to every Kafka client without the prefix, e.g. --kafka.client.security.protocol SSL.";

    /**
     * The settings every job declares for itself, with its own default or description.
     *
     * @param inputTopic the topic the job reads; the dead-letter topic is named after it unless set
     */
    record OwnSettings(Setting<String> inputTopic, Setting<String> anomaliesTopic, Setting<String> deadLetterTopic,
            Setting<String> groupId, Setting<Integer> parallelism, Setting<Long> checkpointIntervalMs,
            Setting<Integer> maxRecordBytes, Setting<String> jobName, Setting<String> denoisedTopic,
            Setting<Boolean> denoisedOutput, Setting<Integer> batchSize, Setting<Long> batchMaxWaitMs,
            Setting<Integer> sensorLabelLimit) {
    }

    /** The validated values of the job's whole table. */
    protected final Settings.Values values;
    private final OwnSettings own;

    JobConfig(Settings.Values values, OwnSettings own) {
        this.values = Objects.requireNonNull(values, "values");
        this.own = Objects.requireNonNull(own, "own");
    }

    /** The dead-letter topic setting of a job reading {@code inputTopic}: {@code <input topic>.dlq} unless set. */
    static Setting<String> deadLetterTopic(Setting<String> inputTopic) {
        return Setting.derived("topic.dlq", "string", "`<" + inputTopic.key() + ">.dlq`",
                "Topic unusable input records are written to, unchanged, with the reason in headers "
                        + "(recon.error, recon.error.detail, recon.origin). It must accept records as large as the "
                        + "input topic does.",
                Setting::nonBlank);
    }

    /** The consumer group setting, with the job's default group. */
    static Setting<String> groupId(String defaultGroup) {
        return Setting.string("kafka.group-id", defaultGroup,
                "Kafka consumer group of the job; offsets are committed to it on checkpoints.");
    }

    /** The job name setting, with the job's default name. */
    static Setting<String> jobName(String defaultName) {
        return Setting.string("job.name", defaultName, "Name of the Flink job.");
    }

    /** Loads and verifies (format version, checksums) the bundle at {@code text}, as a setting's parser. */
    static ModelBundle loadVerified(String text) {
        try {
            return ModelBundle.load(Setting.existingPath(text));
        } catch (BundleFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Kafka bootstrap servers. */
    public String bootstrapServers() {
        return values.get(BOOTSTRAP_SERVERS);
    }

    /** Anomaly topic. */
    public String anomaliesTopic() {
        return values.get(own.anomaliesTopic());
    }

    /** Dead-letter topic ({@code <input topic>.dlq} unless set). */
    public String deadLetterTopic() {
        String topic = values.get(own.deadLetterTopic());
        return topic != null ? topic : values.get(own.inputTopic()) + ".dlq";
    }

    /** Consumer group. */
    public String groupId() {
        return values.get(own.groupId());
    }

    /** Where to start reading without a checkpoint. */
    public StartingOffsets startingOffsets() {
        return values.get(STARTING_OFFSETS);
    }

    /** Operator parallelism. */
    public int parallelism() {
        return values.get(own.parallelism());
    }

    /** Checkpoint interval in milliseconds. */
    public long checkpointIntervalMs() {
        return values.get(own.checkpointIntervalMs());
    }

    /** Largest payload parsed, in bytes. */
    public int maxRecordBytes() {
        return values.get(own.maxRecordBytes());
    }

    /** Flink job name. */
    public String jobName() {
        return values.get(own.jobName());
    }

    /** Delivery guarantee of the Kafka sinks. */
    public DeliveryGuarantee deliveryGuarantee() {
        return values.get(DELIVERY_GUARANTEE);
    }

    /** Prefix of Kafka transactional ids ({@link #jobName()} unless set). */
    public String transactionalIdPrefix() {
        String prefix = values.get(TRANSACTIONAL_ID_PREFIX);
        return prefix != null ? prefix : jobName();
    }

    /** Reconstruction topic. */
    public String denoisedTopic() {
        return values.get(own.denoisedTopic());
    }

    /** Whether reconstructions are published. */
    public boolean denoisedOutput() {
        return values.get(own.denoisedOutput());
    }

    /** Largest micro-batch. */
    public int batchSize() {
        return values.get(own.batchSize());
    }

    /** Longest wait of a record (window or image) for its batch, in milliseconds. */
    public long batchMaxWaitMs() {
        return values.get(own.batchMaxWaitMs());
    }

    /** Whether models are swapped at run time from {@link #modelUpdatesTopic()}. */
    public boolean hotSwap() {
        return values.get(HOT_SWAP);
    }

    /** Topic of model announcements. */
    public String modelUpdatesTopic() {
        return values.get(MODEL_UPDATES_TOPIC);
    }

    /** Most sensors (or image sources) reported by name in per-sensor metrics, per subtask. */
    public int sensorLabelLimit() {
        return values.get(own.sensorLabelLimit());
    }

    /** Extra Kafka client properties ({@value #KAFKA_CLIENT_PREFIX}* with the prefix removed). */
    public Map<String, String> kafkaClientProperties() {
        return values.passThrough();
    }
}
