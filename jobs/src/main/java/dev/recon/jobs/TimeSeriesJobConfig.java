package dev.recon.jobs;

import dev.recon.jobs.config.ConfigException;
import dev.recon.jobs.config.Setting;
import dev.recon.jobs.config.Settings;
import dev.recon.model.bundle.BundleFormatException;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.operators.incidents.IncidentTracker;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.scoring.MicroBatchScorer;
import dev.recon.operators.window.LateRecordPolicy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The settings of the time-series job, declared once each, validated together at start-up.
 *
 * <p>Values come from a properties file ({@code --config job.properties}) overridden by
 * {@code --key value} arguments. Every problem names the key and the value; unknown keys are
 * errors; the model bundle is loaded and verified (format version, checksums) here, so a bad bundle
 * fails before the job is submitted. {@link #helpText()} and {@link #markdown()} render the table.
 *
 * <pre>{@code
 * TimeSeriesJobConfig config = TimeSeriesJobConfig.fromArgs(
 *         "--kafka.bootstrap-servers", "127.0.0.1:9092", "--model.bundle", "models/pump");
 * }</pre>
 */
public final class TimeSeriesJobConfig {

    /** Kafka bootstrap servers. */
    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.required("kafka.bootstrap-servers",
            "host:port[,host:port...]", "Kafka bootstrap servers of the input and output topics.",
            Setting::nonBlank);
    /** Input topic. */
    public static final Setting<String> READINGS_TOPIC = Setting.string("topic.readings", "sensor-readings",
            "Topic of sensor readings (JSON, see ARCHITECTURE.md).");
    /** Output topic of anomaly events. */
    public static final Setting<String> ANOMALIES_TOPIC = Setting.string("topic.anomalies", "anomalies",
            "Topic the anomaly events are written to (JSON, key = sensor id).");
    /** Dead-letter topic. */
    public static final Setting<String> DLQ_TOPIC = Setting.derived("topic.dlq", "string", "`<topic.readings>.dlq`",
            "Topic unusable input records are written to, unchanged, with the reason in headers "
                    + "(recon.error, recon.error.detail, recon.origin). It must accept records as large as the "
                    + "input topic does.",
            Setting::nonBlank);
    /** Kafka consumer group. */
    public static final Setting<String> GROUP_ID = Setting.string("kafka.group-id", "recon-timeseries",
            "Kafka consumer group of the job; offsets are committed to it on checkpoints.");
    /** Where to start reading. */
    public static final Setting<StartingOffsets> STARTING_OFFSETS = Setting.choice("kafka.starting-offsets",
            StartingOffsets.class, StartingOffsets.COMMITTED,
            "Where to start reading the input topic when the job starts without a checkpoint: earliest, latest, "
                    + "or the group's committed offsets (earliest where there are none).");
    /** Model bundle. */
    public static final Setting<ModelBundle> MODEL_BUNDLE = Setting.required("model.bundle", "path",
            "Model bundle (directory or .zip) to score with; verified at start-up. It must exist at the same path "
                    + "on every TaskManager.",
            TimeSeriesJobConfig::loadVerified);
    /** Operator parallelism. */
    public static final Setting<Integer> PARALLELISM = Setting.integer("parallelism", 1, 1,
            "Parallelism of every operator; sensors are spread over the subtasks by key.");
    /** Checkpoint interval. */
    public static final Setting<Long> CHECKPOINT_INTERVAL_MS = Setting.longInteger("checkpoint.interval-ms", 5000, 10,
            "Checkpoint interval in milliseconds; offsets are committed and window state is saved at each.");
    /** Payload size limit. */
    public static final Setting<Integer> MAX_RECORD_BYTES = Setting.integer("input.max-record-bytes", 1 << 20, 1,
            "Largest input payload parsed, in bytes; larger records go to the dead-letter topic as OVERSIZED.");
    /** Job name. */
    public static final Setting<String> JOB_NAME = Setting.string("job.name", "recon-timeseries",
            "Name of the Flink job.");
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

    /** Output topic of incident events. */
    public static final Setting<String> INCIDENTS_TOPIC = Setting.string("topic.incidents", "incidents",
            "Topic the incident-open and incident-closed events are written to (JSON, key = sensor id).");
    /** Output topic of reconstructions. */
    public static final Setting<String> DENOISED_TOPIC = Setting.string("topic.denoised", "denoised",
            "Topic the reconstruction of every scored window is written to, when output.denoised is true.");
    /** Whether reconstructions are published. */
    public static final Setting<Boolean> DENOISED_OUTPUT = Setting.bool("output.denoised", false,
            "Publish the reconstruction of every scored window (in the sensor's units) to topic.denoised. Off by "
                    + "default: with stride 1 it writes window-length values per reading.");
    /** Micro-batch size. */
    public static final Setting<Integer> BATCH_SIZE = Setting.integer("inference.batch-size",
            MicroBatchScorer.DEFAULT_MAX_BATCH_SIZE, 1,
            "Largest number of windows scored in one forward pass of the model.");
    /** Micro-batch wait. */
    public static final Setting<Long> BATCH_MAX_WAIT_MS = Setting.longInteger("inference.max-wait-ms",
            MicroBatchScorer.DEFAULT_MAX_WAIT_MS, 0,
            "Longest time in milliseconds a window waits for its batch to fill before it is scored anyway; "
                    + "batches are also scored before every checkpoint.");
    /** Allowed out-of-orderness. */
    public static final Setting<Long> MAX_OUT_OF_ORDERNESS_MS = Setting.longInteger(
            "event-time.max-out-of-orderness-ms", 1000, 0,
            "How far behind the newest timestamp seen a reading may arrive and still be put in order "
                    + "(the watermark's bounded out-of-orderness), in milliseconds.");
    /** Late records. */
    public static final Setting<LateRecordPolicy> LATE_RECORDS = Setting.choice("event-time.late-records",
            LateRecordPolicy.class, LateRecordPolicy.DLQ,
            "What happens to a reading older than the watermark or than its sensor's newest windowed reading: "
                    + "dlq (dead-letter topic, reason LATE) or drop (counted only).");
    /** Longest hold of a reading. */
    public static final Setting<Long> MAX_HOLD_MS = Setting.longInteger("event-time.max-hold-ms", 2000, 0,
            "Longest processing time in milliseconds a reading waits for the watermark before it is windowed "
                    + "anyway (a quiet sensor or idle partition must not hold readings forever).");
    /** Watermark emission interval. */
    public static final Setting<Long> WATERMARK_INTERVAL_MS = Setting.longInteger("event-time.watermark-interval-ms",
            200, 1,
            "How often watermarks advance, in milliseconds: readings are windowed when the watermark passes them, so "
                    + "this bounds part of the latency from reading to event.");
    /** Source idleness. */
    public static final Setting<Long> IDLE_TIMEOUT_MS = Setting.longInteger("event-time.idle-timeout-ms", 10_000, 1,
            "A source partition without records for this long (ms) stops holding the watermark back.");
    /** Incident quiet period. */
    public static final Setting<Long> QUIET_PERIOD_MS = Setting.longInteger("incidents.quiet-period-ms",
            IncidentTracker.DEFAULT_QUIET_PERIOD_MS, 0,
            "Event time in milliseconds without an anomalous window after which a sensor's incident closes.");

    /** Whether models can be swapped at run time. */
    public static final Setting<Boolean> HOT_SWAP = Setting.bool("model.hot-swap", true,
            "Listen to topic.model-updates for new bundles of the serving model and swap them in without a "
                    + "restart. The topic must exist when this is true.");
    /** Control topic of model announcements. */
    public static final Setting<String> MODEL_UPDATES_TOPIC = Setting.string("topic.model-updates", "model-updates",
            "Topic announcing new model bundles: {\"model\": NAME, \"bundle\": PATH}, PATH readable by every "
                    + "TaskManager. Rejected bundles are logged and counted; the old model keeps serving.");

    /** Cap on distinct sensor label values of per-sensor metrics. */
    public static final Setting<Integer> SENSOR_LABEL_LIMIT = Setting.integer("metrics.sensor-label-limit",
            ReconMetrics.DEFAULT_SENSOR_LABEL_LIMIT, 0,
            "Most sensors each scoring or incident subtask reports by name in per-sensor metrics (sensor label); "
                    + "later sensors are reported together as sensor=\"other\". Bounds the number of Prometheus "
                    + "series: at most this many times the parallelism per metric. See docs/operations.md.");

    /** Prefix of keys passed to the Kafka clients as they are. */
    public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";

    /** Every setting, in the order the help shows them. */
    public static final Settings SETTINGS = Settings.withPassThrough(List.of(
                    BOOTSTRAP_SERVERS, READINGS_TOPIC, ANOMALIES_TOPIC, DLQ_TOPIC, GROUP_ID, STARTING_OFFSETS,
                    MODEL_BUNDLE, PARALLELISM, CHECKPOINT_INTERVAL_MS, MAX_RECORD_BYTES, JOB_NAME,
                    DELIVERY_GUARANTEE, TRANSACTIONAL_ID_PREFIX, INCIDENTS_TOPIC, DENOISED_TOPIC, DENOISED_OUTPUT,
                    BATCH_SIZE, BATCH_MAX_WAIT_MS, MAX_OUT_OF_ORDERNESS_MS, LATE_RECORDS, MAX_HOLD_MS,
                    WATERMARK_INTERVAL_MS, IDLE_TIMEOUT_MS,
                    QUIET_PERIOD_MS, HOT_SWAP, MODEL_UPDATES_TOPIC, SENSOR_LABEL_LIMIT),
            KAFKA_CLIENT_PREFIX,
            "Passed to every Kafka client without the prefix, e.g. --kafka.client.security.protocol SSL.");

    private final Settings.Values values;

    private TimeSeriesJobConfig(Settings.Values values) {
        this.values = values;
    }

    /** Validates {@code --config FILE} and {@code --key value} arguments. */
    public static TimeSeriesJobConfig fromArgs(String... args) {
        return of(Settings.readArgs(args));
    }

    /** Validates a properties file, then {@code overrides} on top of it. */
    public static TimeSeriesJobConfig load(Path propertiesFile, Map<String, String> overrides) {
        Map<String, String> raw = new LinkedHashMap<>(Settings.readProperties(propertiesFile));
        raw.putAll(overrides);
        return of(raw);
    }

    /**
     * Validates key-value settings.
     *
     * @throws ConfigException listing every problem, each with its key and value
     */
    public static TimeSeriesJobConfig of(Map<String, String> raw) {
        return new TimeSeriesJobConfig(SETTINGS.parse(raw));
    }

    /** Help text for {@code --help}. */
    public static String helpText() {
        return SETTINGS.helpText();
    }

    /** The settings reference as a Markdown table. */
    public static String markdown() {
        return SETTINGS.markdown();
    }

    private static ModelBundle loadVerified(String text) {
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

    /** Input topic. */
    public String readingsTopic() {
        return values.get(READINGS_TOPIC);
    }

    /** Anomaly topic. */
    public String anomaliesTopic() {
        return values.get(ANOMALIES_TOPIC);
    }

    /** Dead-letter topic ({@code <readings topic>.dlq} unless set). */
    public String deadLetterTopic() {
        String topic = values.get(DLQ_TOPIC);
        return topic != null ? topic : readingsTopic() + ".dlq";
    }

    /** Consumer group. */
    public String groupId() {
        return values.get(GROUP_ID);
    }

    /** Where to start reading without a checkpoint. */
    public StartingOffsets startingOffsets() {
        return values.get(STARTING_OFFSETS);
    }

    /** Path of the model bundle, as given. */
    public Path modelBundle() {
        return bundle().source();
    }

    /** The verified model bundle (manifest and files; the model itself is not loaded). */
    public ModelBundle bundle() {
        return values.get(MODEL_BUNDLE);
    }

    /** Operator parallelism. */
    public int parallelism() {
        return values.get(PARALLELISM);
    }

    /** Checkpoint interval in milliseconds. */
    public long checkpointIntervalMs() {
        return values.get(CHECKPOINT_INTERVAL_MS);
    }

    /** Largest payload parsed, in bytes. */
    public int maxRecordBytes() {
        return values.get(MAX_RECORD_BYTES);
    }

    /** Flink job name. */
    public String jobName() {
        return values.get(JOB_NAME);
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

    /** Incident topic. */
    public String incidentsTopic() {
        return values.get(INCIDENTS_TOPIC);
    }

    /** Reconstruction topic. */
    public String denoisedTopic() {
        return values.get(DENOISED_TOPIC);
    }

    /** Whether reconstructions are published. */
    public boolean denoisedOutput() {
        return values.get(DENOISED_OUTPUT);
    }

    /** Largest micro-batch. */
    public int batchSize() {
        return values.get(BATCH_SIZE);
    }

    /** Longest wait of a window for its batch, in milliseconds. */
    public long batchMaxWaitMs() {
        return values.get(BATCH_MAX_WAIT_MS);
    }

    /** Allowed out-of-orderness of readings, in milliseconds. */
    public long maxOutOfOrdernessMs() {
        return values.get(MAX_OUT_OF_ORDERNESS_MS);
    }

    /** What happens to late readings. */
    public LateRecordPolicy lateRecords() {
        return values.get(LATE_RECORDS);
    }

    /** Longest processing-time wait of a reading for the watermark, in milliseconds. */
    public long maxHoldMs() {
        return values.get(MAX_HOLD_MS);
    }

    /** Watermark interval, in milliseconds. */
    public long watermarkIntervalMs() {
        return values.get(WATERMARK_INTERVAL_MS);
    }

    /** Source idleness timeout, in milliseconds. */
    public long idleTimeoutMs() {
        return values.get(IDLE_TIMEOUT_MS);
    }

    /** Quiet period closing an incident, in milliseconds of event time. */
    public long quietPeriodMs() {
        return values.get(QUIET_PERIOD_MS);
    }

    /** Whether models are swapped at run time from {@link #modelUpdatesTopic()}. */
    public boolean hotSwap() {
        return values.get(HOT_SWAP);
    }

    /** Topic of model announcements. */
    public String modelUpdatesTopic() {
        return values.get(MODEL_UPDATES_TOPIC);
    }

    /** Most sensors reported by name in per-sensor metrics, per subtask. */
    public int sensorLabelLimit() {
        return values.get(SENSOR_LABEL_LIMIT);
    }

    /** Extra Kafka client properties ({@value #KAFKA_CLIENT_PREFIX}* with the prefix removed). */
    public Map<String, String> kafkaClientProperties() {
        return values.passThrough();
    }

    @Override
    public String toString() {
        return "TimeSeriesJobConfig{bootstrap=" + bootstrapServers() + ", readings=" + readingsTopic()
                + ", anomalies=" + anomaliesTopic() + ", dlq=" + deadLetterTopic() + ", group=" + groupId()
                + ", start=" + Setting.configName(startingOffsets()) + ", bundle=" + modelBundle()
                + ", parallelism=" + parallelism() + ", checkpointMs=" + checkpointIntervalMs()
                + ", maxRecordBytes=" + maxRecordBytes() + ", job=" + jobName()
                + ", delivery=" + Setting.configName(deliveryGuarantee()) + ", incidents=" + incidentsTopic()
                + ", denoised=" + (denoisedOutput() ? denoisedTopic() : "off") + ", batch=" + batchSize() + "/"
                + batchMaxWaitMs() + "ms, outOfOrderness=" + maxOutOfOrdernessMs() + "ms, late="
                + Setting.configName(lateRecords()) + ", maxHold=" + maxHoldMs() + "ms, quiet=" + quietPeriodMs()
                + "ms}";
    }
}
