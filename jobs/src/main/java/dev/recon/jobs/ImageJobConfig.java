package dev.recon.jobs;

import dev.recon.jobs.config.ConfigException;
import dev.recon.jobs.config.Setting;
import dev.recon.jobs.config.Settings;
import dev.recon.model.arch.ConditionalModelSpec;
import dev.recon.model.arch.Conditions;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.operators.image.ImageDecoder;
import dev.recon.operators.image.ImageShape;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.scoring.AbstractMicroBatchScorer;
import dev.recon.operators.scoring.ImageScorer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The settings of the image job, declared once each, validated together at start-up.
 *
 * <p>Values come from a properties file ({@code --config images.properties}) overridden by
 * {@code --key value} arguments, exactly as for the time-series job ({@link TimeSeriesJobConfig});
 * a setting both jobs have has the same key in both, and its accessor in {@link JobConfig} (some
 * with their own default, such as {@code kafka.group-id}). Every problem names the key and the value; unknown keys are errors; the
 * model bundle is loaded and verified here and must be an image model, so a bad bundle fails before
 * the job is submitted. {@link #helpText()} and {@link #markdown()} render the table.
 *
 * <pre>{@code
 * ImageJobConfig config = ImageJobConfig.fromArgs(
 *         "--kafka.bootstrap-servers", "127.0.0.1:9092", "--model.bundle", "models/fashion");
 * }</pre>
 */
public final class ImageJobConfig extends JobConfig {

    /** Input topic. */
    public static final Setting<String> IMAGES_TOPIC = Setting.string("topic.images", "images",
            "Topic of images (JSON with a base64 PNG or raw 8-bit pixels, see docs/streaming.md).");
    /** Output topic of anomaly events. */
    public static final Setting<String> ANOMALIES_TOPIC = Setting.string("topic.anomalies", "anomalies",
            "Topic the anomaly events of anomalous images are written to (JSON, key = source id).");
    /** Dead-letter topic. */
    public static final Setting<String> DLQ_TOPIC = deadLetterTopic(IMAGES_TOPIC);
    /** Kafka consumer group. */
    public static final Setting<String> GROUP_ID = groupId("recon-images");
    /** Model bundle. */
    public static final Setting<ModelBundle> MODEL_BUNDLE = Setting.required("model.bundle", "path",
            "Image model bundle (directory or .zip, e.g. trained by recon train --model conv2d) to score with; "
                    + "verified at start-up. Images are converted to its channels and size. It must exist at the "
                    + "same path on every TaskManager.",
            ImageJobConfig::loadImageBundle);
    /** Operator parallelism. */
    public static final Setting<Integer> PARALLELISM = Setting.integer("parallelism", 1, 1,
            "Parallelism of every operator. Each subtask decodes and scores the images of the topic partitions "
                    + "it reads, so more subtasks than partitions of topic.images stay idle.");
    /** Checkpoint interval. */
    public static final Setting<Long> CHECKPOINT_INTERVAL_MS = Setting.longInteger("checkpoint.interval-ms", 5000, 10,
            "Checkpoint interval in milliseconds; offsets are committed (and, exactly-once, events published) at "
                    + "each.");
    /** Payload size limit. */
    public static final Setting<Integer> MAX_RECORD_BYTES = Setting.integer("input.max-record-bytes",
            ImageDecoder.DEFAULT_MAX_PAYLOAD_BYTES, 1,
            "Largest input payload parsed, in bytes (base64 makes an image about 4/3 its file size); larger "
                    + "records go to the dead-letter topic as OVERSIZED. Raise the topics' max.message.bytes with it.");
    /** Image size limit. */
    public static final Setting<Integer> MAX_IMAGE_PIXELS = Setting.integer("input.max-image-pixels",
            ImageDecoder.DEFAULT_MAX_IMAGE_PIXELS, 1,
            "Largest image decoded, in pixels (width x height, read from a PNG's header before decoding); larger "
                    + "images go to the dead-letter topic as IMAGE_TOO_LARGE. Bounds the memory one record takes.");
    /** Job name. */
    public static final Setting<String> JOB_NAME = jobName("recon-images");
    /** Output topic of reconstructions. */
    public static final Setting<String> DENOISED_TOPIC = Setting.string("topic.denoised", "denoised",
            "Topic the reconstruction of every scored image is written to (a PNG, key = source id), when "
                    + "output.denoised is true.");
    /** Whether reconstructions are published. */
    public static final Setting<Boolean> DENOISED_OUTPUT = Setting.bool("output.denoised", false,
            "Publish the reconstruction of every scored image, as a PNG of the model's size, to topic.denoised.");
    /** Micro-batch size. */
    public static final Setting<Integer> BATCH_SIZE = Setting.integer("inference.batch-size",
            AbstractMicroBatchScorer.DEFAULT_MAX_BATCH_SIZE, 1,
            "Largest number of images scored in one forward pass of the model.");
    /** Micro-batch wait. */
    public static final Setting<Long> BATCH_MAX_WAIT_MS = Setting.longInteger("inference.max-wait-ms",
            AbstractMicroBatchScorer.DEFAULT_MAX_WAIT_MS, 0,
            "Longest time in milliseconds an image waits for its batch to fill before it is scored anyway; "
                    + "batches are also scored before every checkpoint.");
    /** Error grid size. */
    public static final Setting<Integer> ERROR_GRID = Setting.integer("events.error-grid",
            ImageScorer.DEFAULT_ERROR_GRID, 1,
            "Cells per side of the coarse error grid in each anomaly event (errorGrid: the mean squared error of "
                    + "each cell, never more cells than pixels).");
    /** Cap on distinct source label values of per-sensor metrics. */
    public static final Setting<Integer> SENSOR_LABEL_LIMIT = Setting.integer("metrics.sensor-label-limit",
            ReconMetrics.DEFAULT_SENSOR_LABEL_LIMIT, 0,
            "Most image sources each scoring subtask reports by name in per-sensor metrics (sensor label = source "
                    + "id); later sources are reported together as sensor=\"other\". See docs/operations.md.");

    /** Every setting, in the order the help shows them. */
    public static final Settings SETTINGS = Settings.withPassThrough(List.of(
                    BOOTSTRAP_SERVERS, IMAGES_TOPIC, ANOMALIES_TOPIC, DLQ_TOPIC, GROUP_ID, STARTING_OFFSETS,
                    MODEL_BUNDLE, PARALLELISM, CHECKPOINT_INTERVAL_MS, MAX_RECORD_BYTES, MAX_IMAGE_PIXELS, JOB_NAME,
                    DELIVERY_GUARANTEE, TRANSACTIONAL_ID_PREFIX, DENOISED_TOPIC, DENOISED_OUTPUT, BATCH_SIZE,
                    BATCH_MAX_WAIT_MS, ERROR_GRID, HOT_SWAP, MODEL_UPDATES_TOPIC, SENSOR_LABEL_LIMIT),
            KAFKA_CLIENT_PREFIX, KAFKA_CLIENT_DESCRIPTION);

    private static final OwnSettings OWN = new OwnSettings(IMAGES_TOPIC, ANOMALIES_TOPIC, DLQ_TOPIC, GROUP_ID,
            PARALLELISM, CHECKPOINT_INTERVAL_MS, MAX_RECORD_BYTES, JOB_NAME, DENOISED_TOPIC, DENOISED_OUTPUT,
            BATCH_SIZE, BATCH_MAX_WAIT_MS, SENSOR_LABEL_LIMIT);

    private ImageJobConfig(Settings.Values values) {
        super(values, OWN);
    }

    /** Validates {@code --config FILE} and {@code --key value} arguments. */
    public static ImageJobConfig fromArgs(String... args) {
        return of(Settings.readArgs(args));
    }

    /** Validates a properties file, then {@code overrides} on top of it. */
    public static ImageJobConfig load(Path propertiesFile, Map<String, String> overrides) {
        return of(Settings.readProperties(propertiesFile, overrides));
    }

    /**
     * Validates key-value settings.
     *
     * @throws ConfigException listing every problem, each with its key and value
     */
    public static ImageJobConfig of(Map<String, String> raw) {
        return new ImageJobConfig(SETTINGS.parse(raw));
    }

    /** Help text for {@code --help}. */
    public static String helpText() {
        return SETTINGS.helpText();
    }

    /** The settings reference as a Markdown table. */
    public static String markdown() {
        return SETTINGS.markdown();
    }

    private static ModelBundle loadImageBundle(String text) {
        ModelBundle bundle = loadVerified(text);
        if (!bundle.manifest().input().imageInput()) {
            throw new IllegalArgumentException("model '" + bundle.manifest().name() + "' takes '"
                    + bundle.manifest().input().type() + "' input, not images; run it with the time-series job "
                    + "(recon run --job timeseries)");
        }
        ImageShape.of(bundle.manifest().input()); // 1 or 3 channels: what images convert to
        return bundle;
    }

    /** Input topic. */
    public String imagesTopic() {
        return values.get(IMAGES_TOPIC);
    }

    /** Path of the model bundle, as given. */
    public Path modelBundle() {
        return bundle().source();
    }

    /** The verified image model bundle (manifest and files; the model itself is not loaded). */
    public ModelBundle bundle() {
        return values.get(MODEL_BUNDLE);
    }

    /** The shape images are converted to: the bundle's channels, height and width. */
    public ImageShape imageShape() {
        return ImageShape.of(bundle().manifest().input());
    }

    /**
     * The conditions of a conditional bundle ({@code cvae}), with which each image's
     * {@code condition} or {@code label} field becomes its condition; {@code null} for other bundles.
     */
    public Conditions conditions() {
        return ConditionalModelSpec.of(bundle().manifest().architecture());
    }

    /** Largest image decoded, in pixels. */
    public int maxImagePixels() {
        return values.get(MAX_IMAGE_PIXELS);
    }

    /** Cells per side of the error grid of anomaly events. */
    public int errorGrid() {
        return values.get(ERROR_GRID);
    }

    @Override
    public String toString() {
        return "ImageJobConfig{bootstrap=" + bootstrapServers() + ", images=" + imagesTopic()
                + ", anomalies=" + anomaliesTopic() + ", dlq=" + deadLetterTopic() + ", group=" + groupId()
                + ", start=" + Setting.configName(startingOffsets()) + ", bundle=" + modelBundle()
                + " (" + imageShape() + "), parallelism=" + parallelism() + ", checkpointMs=" + checkpointIntervalMs()
                + ", maxRecordBytes=" + maxRecordBytes() + ", maxImagePixels=" + maxImagePixels()
                + ", job=" + jobName() + ", delivery=" + Setting.configName(deliveryGuarantee())
                + ", denoised=" + (denoisedOutput() ? denoisedTopic() : "off") + ", batch=" + batchSize() + "/"
                + batchMaxWaitMs() + "ms, errorGrid=" + errorGrid() + ", hotSwap="
                + (hotSwap() ? modelUpdatesTopic() : "off") + "}";
    }
}
