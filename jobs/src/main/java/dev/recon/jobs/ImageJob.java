package dev.recon.jobs;

import dev.recon.jobs.kafka.ImageKafka;
import dev.recon.operators.events.IsAnomalousImage;
import dev.recon.operators.events.ToImageAnomalyEvent;
import dev.recon.operators.image.ImageParser;
import dev.recon.operators.scoring.ImageScorer;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DenoisedImage;
import dev.recon.operators.types.ImageAnomalyEvent;
import dev.recon.operators.types.RawInput;
import dev.recon.operators.types.ScaledImage;
import dev.recon.operators.types.ScoredImage;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;

/**
 * The image anomaly detection job: images in; anomaly events, dead letters and (optionally)
 * reconstructed images out.
 *
 * <pre>
 * source -> decode + convert + scale -> micro-batch score -> anomalous? -> anomalies
 *                 |                         |          \
 *                 +--- dead letters         |           +-> denoised PNGs (optional)
 *                                   model-updates
 * </pre>
 *
 * <p>Images are independent of each other: there is no keyed state and no event-time logic, so
 * each subtask decodes and scores the images of the partitions it reads, in order (a source's
 * images, keyed by source id, stay in order). The parser converts every image to the bundle's
 * shape, so the scorer batches images of one size. Source and sinks are injected (tests use their
 * own); {@link #main} wires Kafka from {@link ImageJobConfig}. Every operator has a stable uid (the
 * {@code *_UID} constants): savepoints map state to operators by uid, so they must never change.
 *
 * <pre>{@code
 * ImageJobConfig config = ImageJobConfig.fromArgs(args);
 * JobClient job = ImageJob.withKafka(config)
 *         .build(StreamExecutionEnvironment.getExecutionEnvironment())
 *         .executeAsync();
 * }</pre>
 */
public final class ImageJob {

    /** Uid of the input source. */
    public static final String SOURCE_UID = "images-source";
    /** Uid of the decoder. */
    public static final String PARSER_UID = "decode-images";
    /** Uid of the micro-batch scorer (holds the serving bundle in broadcast state). */
    public static final String SCORER_UID = "score-images";
    /** Uid of the anomalous-image filter. */
    public static final String ANOMALY_FILTER_UID = "anomalous-images";
    /** Uid of the scored-image to anomaly-event map. */
    public static final String TO_EVENT_UID = "to-image-anomaly-event";
    /** Uid of the model-updates source. */
    public static final String MODEL_UPDATES_UID = "model-updates-source";
    /** Uid of the anomaly sink. */
    public static final String ANOMALY_SINK_UID = "anomalies-sink";
    /** Uid of the dead-letter sink. */
    public static final String DEAD_LETTER_SINK_UID = "dead-letters-sink";
    /** Uid of the reconstruction sink. */
    public static final String DENOISED_SINK_UID = "denoised-sink";

    private final ImageJobConfig config;
    private final Source<RawInput, ?, ?> source;
    private final ImageSinks sinks;
    private final Source<String, ?, ?> modelUpdates;

    /**
     * A job reading from {@code source} and writing to {@code sinks}; everything else comes from
     * {@code config}. Reconstructions are emitted only when {@code sinks.denoised()} is set.
     *
     * @param modelUpdates announcements of new bundles ({@link dev.recon.operators.types.ModelUpdate}
     *     JSON), or {@code null} for a job that keeps its model
     */
    public ImageJob(ImageJobConfig config, Source<RawInput, ?, ?> source, ImageSinks sinks,
            Source<String, ?, ?> modelUpdates) {
        this.config = Objects.requireNonNull(config, "config");
        this.source = Objects.requireNonNull(source, "source");
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.modelUpdates = modelUpdates;
    }

    /** The job with the Kafka source and sinks that {@code config} describes. */
    public static ImageJob withKafka(ImageJobConfig config) {
        return new ImageJob(config, ImageKafka.imagesSource(config), new ImageSinks(
                ImageKafka.anomalySink(config), ImageKafka.deadLetterSink(config),
                config.denoisedOutput() ? ImageKafka.denoisedSink(config) : null),
                config.hotSwap() ? ImageKafka.modelUpdatesSource(config) : null);
    }

    /**
     * Builds the job's graph on {@code env} (setting its parallelism and checkpointing from the
     * config) without starting it.
     */
    public ImagePipeline build(StreamExecutionEnvironment env) {
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.checkpointIntervalMs());

        // No watermarks: nothing downstream works in event time; each event carries its image's ts.
        DataStream<RawInput> raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "images")
                .uid(SOURCE_UID);

        SingleOutputStreamOperator<ScaledImage> images = raw
                .process(new ImageParser(config.imageShape(), config.conditions(), config.maxRecordBytes(),
                        config.maxImagePixels()), ScaledImage.TYPE_INFO)
                .uid(PARSER_UID)
                .name("decode images (" + config.imageShape() + ")");

        ImageScorer scorer = new ImageScorer(config.modelBundle().toAbsolutePath().toString(), config.batchSize(),
                config.batchMaxWaitMs(), sinks.denoised() != null, config.sensorLabelLimit(), config.errorGrid());
        String scorerName = "score images (" + config.bundle().manifest().name() + ")";
        SingleOutputStreamOperator<ScoredImage> scored;
        if (modelUpdates == null) {
            scored = images.transform(scorerName, ScoredImage.TYPE_INFO,
                    (OneInputStreamOperator<ScaledImage, ScoredImage>) scorer);
        } else {
            // One reader suffices for a low-volume control topic; broadcast reaches every scorer subtask.
            DataStream<String> updates = env.fromSource(modelUpdates, WatermarkStrategy.noWatermarks(), "model updates")
                    .uid(MODEL_UPDATES_UID)
                    .setParallelism(1);
            scored = images.connect(updates.broadcast()).transform(scorerName, ScoredImage.TYPE_INFO,
                    (TwoInputStreamOperator<ScaledImage, String, ScoredImage>) scorer);
        }
        scored.uid(SCORER_UID);

        DataStream<ImageAnomalyEvent> anomalies = scored
                .filter(new IsAnomalousImage())
                .uid(ANOMALY_FILTER_UID)
                .name("anomalous images")
                .map(new ToImageAnomalyEvent(), ImageAnomalyEvent.TYPE_INFO)
                .uid(TO_EVENT_UID)
                .name("image anomaly events");
        anomalies.sinkTo(sinks.anomalies()).uid(ANOMALY_SINK_UID).name("anomalies");

        if (sinks.denoised() != null) {
            scored.getSideOutput(DenoisedImage.OUTPUT_TAG)
                    .sinkTo(sinks.denoised()).uid(DENOISED_SINK_UID).name("denoised");
        }

        DataStream<DeadLetter> deadLetters = images.getSideOutput(ImageParser.DEAD_LETTERS);
        deadLetters.sinkTo(sinks.deadLetters()).uid(DEAD_LETTER_SINK_UID).name("dead letters");

        return new ImagePipeline(env, config.jobName(), scored, anomalies, deadLetters);
    }

    /** Builds the job on the context's environment and runs it until it ends (or is cancelled). */
    public JobExecutionResult execute() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        return build(env).environment().execute(config.jobName());
    }

    /**
     * Runs the job with Kafka: {@code --config job.properties} and/or {@code --key value} settings
     * ({@code --help} lists them). Invalid settings or a bad model bundle fail here, before anything
     * is submitted.
     */
    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("recon image job settings (--config FILE reads them from a properties file):\n\n"
                    + ImageJobConfig.helpText());
            return;
        }
        withKafka(ImageJobConfig.fromArgs(args)).execute();
    }
}
