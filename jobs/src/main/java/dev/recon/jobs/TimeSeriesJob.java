package dev.recon.jobs;

import dev.recon.jobs.kafka.TimeSeriesKafka;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.operators.events.IsAnomalous;
import dev.recon.operators.events.ToAnomalyEvent;
import dev.recon.operators.incidents.IncidentTracker;
import dev.recon.operators.incidents.ScoredWindowSensorKey;
import dev.recon.operators.parse.ReadingParser;
import dev.recon.operators.scoring.MicroBatchScorer;
import dev.recon.operators.scoring.SensorIdKey;
import dev.recon.operators.types.AnomalyEvent;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DenoisedWindow;
import dev.recon.operators.types.IncidentEvent;
import dev.recon.operators.types.RawInput;
import dev.recon.operators.types.RawWindow;
import dev.recon.operators.types.ScoredWindow;
import dev.recon.operators.types.SensorReading;
import dev.recon.operators.window.ReadingTimestamps;
import dev.recon.operators.window.WindowAssembler;
import dev.recon.operators.window.WindowSpec;
import java.time.Duration;
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
 * The time-series anomaly detection job: sensor readings in; anomaly events, incidents, dead
 * letters and (optionally) reconstructions out.
 *
 * <pre>
 * source -> parse -> event time -> keyBy(sensorId) -> order + window -> micro-batch score -> anomalous? -> anomalies
 *             |                                            |                  |     \
 *             +--- dead letters (bad input, late) ---------+    model-updates -+      +-> denoised (optional)
 *                                                           keyBy(sensorId) -> incidents
 * </pre>
 *
 * <p>Source and sinks are injected (so tests and the embedded demo can use their own); {@link #main}
 * wires Kafka from {@link TimeSeriesJobConfig}. Every operator has a stable uid (the {@code *_UID}
 * constants): savepoints map state to operators by uid, so they must never change.
 *
 * <pre>{@code
 * TimeSeriesJobConfig config = TimeSeriesJobConfig.fromArgs(args);
 * JobClient job = TimeSeriesJob.withKafka(config)
 *         .build(StreamExecutionEnvironment.getExecutionEnvironment())
 *         .executeAsync();
 * }</pre>
 */
public final class TimeSeriesJob {

    /** Uid of the input source. */
    public static final String SOURCE_UID = "readings-source";
    /** Uid of the parser. */
    public static final String PARSER_UID = "parse-readings";
    /** Uid of the timestamp and watermark assigner. */
    public static final String EVENT_TIME_UID = "event-time";
    /** Uid of the ordering and windowing operator (holds pending readings and each sensor's ring). */
    public static final String WINDOWS_UID = "assemble-windows";
    /** Uid of the micro-batch scorer. */
    public static final String SCORER_UID = "score-windows";
    /** Uid of the anomalous-window filter. */
    public static final String ANOMALY_FILTER_UID = "anomalous-windows";
    /** Uid of the scored-window to anomaly-event map. */
    public static final String TO_EVENT_UID = "to-anomaly-event";
    /** Uid of the incident tracker (holds each sensor's open incident). */
    public static final String INCIDENTS_UID = "track-incidents";
    /** Uid of the model-updates source. */
    public static final String MODEL_UPDATES_UID = "model-updates-source";
    /** Uid of the anomaly sink. */
    public static final String ANOMALY_SINK_UID = "anomalies-sink";
    /** Uid of the incident sink. */
    public static final String INCIDENT_SINK_UID = "incidents-sink";
    /** Uid of the dead-letter sink. */
    public static final String DEAD_LETTER_SINK_UID = "dead-letters-sink";
    /** Uid of the reconstruction sink. */
    public static final String DENOISED_SINK_UID = "denoised-sink";

    private final TimeSeriesJobConfig config;
    private final Source<RawInput, ?, ?> source;
    private final TimeSeriesSinks sinks;
    private final Source<String, ?, ?> modelUpdates;

    /**
     * A job reading from {@code source} and writing to {@code sinks}; everything else comes from
     * {@code config}. Reconstructions are computed only when {@code sinks.denoised()} is set.
     *
     * @param modelUpdates announcements of new bundles ({@link dev.recon.operators.types.ModelUpdate}
     *     JSON), or {@code null} for a job that keeps its model
     */
    public TimeSeriesJob(TimeSeriesJobConfig config, Source<RawInput, ?, ?> source, TimeSeriesSinks sinks,
            Source<String, ?, ?> modelUpdates) {
        this.config = Objects.requireNonNull(config, "config");
        this.source = Objects.requireNonNull(source, "source");
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.modelUpdates = modelUpdates;
    }

    /** The job with the Kafka source and sinks that {@code config} describes. */
    public static TimeSeriesJob withKafka(TimeSeriesJobConfig config) {
        return new TimeSeriesJob(config, TimeSeriesKafka.readingsSource(config), new TimeSeriesSinks(
                TimeSeriesKafka.anomalySink(config), TimeSeriesKafka.incidentSink(config),
                TimeSeriesKafka.deadLetterSink(config),
                config.denoisedOutput() ? TimeSeriesKafka.denoisedSink(config) : null),
                config.hotSwap() ? TimeSeriesKafka.modelUpdatesSource(config) : null);
    }

    /**
     * Builds the job's graph on {@code env} (setting its parallelism and checkpointing from the
     * config) without starting it.
     */
    public TimeSeriesPipeline build(StreamExecutionEnvironment env) {
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.checkpointIntervalMs());
        env.getConfig().setAutoWatermarkInterval(config.watermarkIntervalMs());
        BundleManifest manifest = config.bundle().manifest();

        // Watermarks are assigned after parsing: raw records carry no event time.
        DataStream<RawInput> raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "readings")
                .uid(SOURCE_UID);

        SingleOutputStreamOperator<SensorReading> parsed = raw
                .process(new ReadingParser(config.maxRecordBytes()), SensorReading.TYPE_INFO)
                .uid(PARSER_UID)
                .name("parse readings");

        DataStream<SensorReading> readings = parsed
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<SensorReading>forBoundedOutOfOrderness(Duration.ofMillis(config.maxOutOfOrdernessMs()))
                        .withTimestampAssigner(new ReadingTimestamps())
                        .withIdleness(Duration.ofMillis(config.idleTimeoutMs())))
                .uid(EVENT_TIME_UID)
                .name("event time");

        SingleOutputStreamOperator<RawWindow> windows = readings
                .keyBy(new SensorIdKey())
                .process(new WindowAssembler(WindowSpec.of(manifest), config.lateRecords(), config.maxHoldMs()),
                        RawWindow.TYPE_INFO)
                .uid(WINDOWS_UID)
                .name("order and window readings");

        MicroBatchScorer scorer = new MicroBatchScorer(config.modelBundle().toAbsolutePath().toString(),
                config.batchSize(), config.batchMaxWaitMs(), sinks.denoised() != null, config.sensorLabelLimit());
        String scorerName = "score windows (" + manifest.name() + ")";
        SingleOutputStreamOperator<ScoredWindow> scored;
        if (modelUpdates == null) {
            scored = windows.transform(scorerName, ScoredWindow.TYPE_INFO,
                    (OneInputStreamOperator<RawWindow, ScoredWindow>) scorer);
        } else {
            // One reader suffices for a low-volume control topic; broadcast reaches every scorer subtask.
            DataStream<String> updates = env.fromSource(modelUpdates, WatermarkStrategy.noWatermarks(), "model updates")
                    .uid(MODEL_UPDATES_UID)
                    .setParallelism(1);
            scored = windows.connect(updates.broadcast()).transform(scorerName, ScoredWindow.TYPE_INFO,
                    (TwoInputStreamOperator<RawWindow, String, ScoredWindow>) scorer);
        }
        scored.uid(SCORER_UID);

        DataStream<AnomalyEvent> anomalies = scored
                .filter(new IsAnomalous())
                .uid(ANOMALY_FILTER_UID)
                .name("anomalous windows")
                .map(new ToAnomalyEvent(), AnomalyEvent.TYPE_INFO)
                .uid(TO_EVENT_UID)
                .name("anomaly events");
        anomalies.sinkTo(sinks.anomalies()).uid(ANOMALY_SINK_UID).name("anomalies");

        DataStream<IncidentEvent> incidents = scored
                .keyBy(new ScoredWindowSensorKey())
                .process(new IncidentTracker(config.quietPeriodMs(), config.sensorLabelLimit()), IncidentEvent.TYPE_INFO)
                .uid(INCIDENTS_UID)
                .name("incidents");
        incidents.sinkTo(sinks.incidents()).uid(INCIDENT_SINK_UID).name("incidents");

        if (sinks.denoised() != null) {
            scored.getSideOutput(DenoisedWindow.OUTPUT_TAG)
                    .sinkTo(sinks.denoised()).uid(DENOISED_SINK_UID).name("denoised");
        }

        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(ReadingParser.DEAD_LETTERS)
                .union(windows.getSideOutput(WindowAssembler.DEAD_LETTERS));
        deadLetters.sinkTo(sinks.deadLetters()).uid(DEAD_LETTER_SINK_UID).name("dead letters");

        return new TimeSeriesPipeline(env, config.jobName(), scored, anomalies, incidents, deadLetters);
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
            System.out.println("recon time-series job settings (--config FILE reads them from a properties file):\n\n"
                    + TimeSeriesJobConfig.helpText());
            return;
        }
        withKafka(TimeSeriesJobConfig.fromArgs(args)).execute();
    }
}
