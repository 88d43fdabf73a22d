package dev.recon.jobs;

import dev.recon.jobs.kafka.TimeSeriesKafka;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.operators.alarm.AlarmSettings;
import dev.recon.operators.alarm.OnsetLikelihoodAlarm;
import dev.recon.operators.events.IsAnomalous;
import dev.recon.operators.events.ToAnomalyEvent;
import dev.recon.operators.incidents.IncidentTracker;
import dev.recon.operators.incidents.ScoredWindowSensorKey;
import dev.recon.operators.parse.ReadingParser;
import dev.recon.operators.routing.SensorRouter;
import dev.recon.operators.scoring.MicroBatchScorer;
import dev.recon.operators.scoring.SensorIdKey;
import dev.recon.operators.types.AnomalyEvent;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DenoisedWindow;
import dev.recon.operators.types.IncidentEvent;
import dev.recon.operators.types.RawInput;
import dev.recon.operators.types.ScoredWindow;
import dev.recon.operators.types.ScorerInput;
import dev.recon.operators.types.SensorReading;
import dev.recon.operators.window.ReadingTimestamps;
import dev.recon.operators.window.WindowAssembler;
import dev.recon.operators.window.WindowAssemblerWithUpdates;
import dev.recon.operators.window.WindowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;

/**
 * The time-series anomaly detection job: sensor readings in; anomaly events, incidents, dead
 * letters and (optionally) reconstructions out.
 *
 * <pre>
 * source -> parse -> event time -> keyBy(sensorId) -> order + window => micro-batch score => alarm => anomalies
 *             |                                         |    ^                  |     \          \
 *             +--- dead letters (bad input, late) ------+    model-updates      |      |          => incidents
 *                                                            (broadcast)        |      +-> denoised (optional)
 * </pre>
 *
 * <p>The scorer is chained to the window assembler ({@code =>}; the alarm, per sensor, is
 * {@code alarm.mode}'s rule): the assembler also relays the
 * model-update announcements, so the scorer has a single input, and windows reach it as objects.
 * The job runs with object reuse (records are never written after they are emitted).
 *
 * <p>With {@code model.routes} a router after event time sends each sensor's readings to the model
 * its id matches, and each model gets its own "order + window" and "micro-batch score" operators
 * (with its own window length and channels); their scored windows are unioned before the anomaly,
 * incident and reconstruction outputs, and readings no model serves are dead letters ({@code NO_MODEL}).
 *
 * <p>With {@code alarm.mode=onset-likelihood} the scored windows are keyed by sensor into
 * {@link OnsetLikelihoodAlarm}, which replaces each verdict and emits the anomaly events. Neither the
 * alarm nor the incident tracker needs a shuffle: the scored windows are still partitioned by sensor
 * ({@code bySensor}), so both are chained to the scorer.
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
    /**
     * Uid of the router of readings to models ({@code model.routes} only). Each routed model has its
     * own window assembler and scorer, with uids {@link #routedUid}; the default model's keep
     * {@link #WINDOWS_UID} and {@link #SCORER_UID}.
     */
    public static final String ROUTER_UID = "route-readings";
    /** Uid of the anomalous-window filter. */
    public static final String ANOMALY_FILTER_UID = "anomalous-windows";
    /** Uid of the scored-window to anomaly-event map. */
    public static final String TO_EVENT_UID = "to-anomaly-event";
    /** Uid of the incident tracker (holds each sensor's open incident). */
    public static final String INCIDENTS_UID = "track-incidents";
    /** Operator uid of the onset-likelihood alarm ({@code alarm.mode=onset-likelihood}). */
    public static final String ALARM_UID = "onset-likelihood-alarm";
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
        // Chained operators hand records over without a serializer copy. Safe here: every record type
        // is immutable once built (its arrays are never written after construction), every operator
        // emits a new record per output, and whatever an operator keeps across calls (pending readings,
        // the scorer's batch, open incidents) is its own copy or a record nobody writes.
        env.getConfig().enableObjectReuse();

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

        DataStream<String> updates = null;
        if (modelUpdates != null) {
            // One reader suffices for a low-volume control topic; broadcast reaches every scorer subtask
            // (of every model: each scorer ignores announcements of other models).
            updates = env.fromSource(modelUpdates, WatermarkStrategy.noWatermarks(), "model updates")
                    .uid(MODEL_UPDATES_UID)
                    .setParallelism(1)
                    .broadcast();
        }

        // One window assembler and scorer per model, each with its model's window spec; the default model's
        // keep the single-model uids, so a savepoint of a one-model job restores into a routed one.
        List<ModelChain> chains = new ArrayList<>();
        List<DataStream<DeadLetter>> rejected = new ArrayList<>();
        rejected.add(parsed.getSideOutput(ReadingParser.DEAD_LETTERS));
        ModelRoutes routes = config.routes();
        if (routes.isEmpty()) {
            chains.add(modelChain(readings, config.bundle(), null, updates));
        } else {
            SingleOutputStreamOperator<SensorReading> routed = readings
                    .process(new SensorRouter(routes.patterns(), config.bundle() != null), SensorReading.TYPE_INFO)
                    .uid(ROUTER_UID)
                    .name("route readings to models");
            rejected.add(routed.getSideOutput(SensorRouter.DEAD_LETTERS));
            if (config.bundle() != null) {
                chains.add(modelChain(routed, config.bundle(), null, updates));
            }
            for (int k = 0; k < routes.routes().size(); k++) {
                ModelRoute route = routes.routes().get(k);
                chains.add(modelChain(routed.getSideOutput(SensorRouter.route(k)), route.bundle(), route.modelName(),
                        updates));
            }
        }
        DataStream<ScoredWindow> scored = chains.get(0).scored();
        for (ModelChain chain : chains.subList(1, chains.size())) {
            scored = scored.union(chain.scored());
        }
        chains.forEach(chain -> rejected.add(chain.windows().getSideOutput(WindowAssembler.DEAD_LETTERS)));

        DataStream<AnomalyEvent> anomalies;
        KeyedStream<ScoredWindow, String> bySensorVerdicts;
        AlarmSettings alarm = config.alarmSettings();
        if (alarm == null) {
            anomalies = scored
                    .filter(new IsAnomalous())
                    .uid(ANOMALY_FILTER_UID)
                    .name("anomalous windows")
                    .map(new ToAnomalyEvent(), AnomalyEvent.TYPE_INFO)
                    .uid(TO_EVENT_UID)
                    .name("anomaly events");
            bySensorVerdicts = bySensor(scored);
        } else {
            SingleOutputStreamOperator<ScoredWindow> judged = bySensor(scored)
                    .process(new OnsetLikelihoodAlarm(alarm, config.sensorLabelLimit()), ScoredWindow.TYPE_INFO)
                    .uid(ALARM_UID)
                    .name("onset x likelihood alarm");
            anomalies = judged.getSideOutput(OnsetLikelihoodAlarm.ANOMALIES);
            // every window keeps its sensor's key and subtask: no second shuffle to the incident tracker
            bySensorVerdicts = bySensor(judged);
            scored = judged;
        }
        anomalies.sinkTo(sinks.anomalies()).uid(ANOMALY_SINK_UID).name("anomalies");

        DataStream<IncidentEvent> incidents = bySensorVerdicts
                .process(new IncidentTracker(config.quietPeriodMs(), config.sensorLabelLimit()), IncidentEvent.TYPE_INFO)
                .uid(INCIDENTS_UID)
                .name("incidents");
        incidents.sinkTo(sinks.incidents()).uid(INCIDENT_SINK_UID).name("incidents");

        if (sinks.denoised() != null) {
            DataStream<DenoisedWindow> denoised = chains.get(0).scored().getSideOutput(DenoisedWindow.OUTPUT_TAG);
            for (ModelChain chain : chains.subList(1, chains.size())) {
                denoised = denoised.union(chain.scored().getSideOutput(DenoisedWindow.OUTPUT_TAG));
            }
            denoised.sinkTo(sinks.denoised()).uid(DENOISED_SINK_UID).name("denoised");
        }

        DataStream<DeadLetter> deadLetters = rejected.get(0);
        for (DataStream<DeadLetter> more : rejected.subList(1, rejected.size())) {
            deadLetters = deadLetters.union(more);
        }
        deadLetters.sinkTo(sinks.deadLetters()).uid(DEAD_LETTER_SINK_UID).name("dead letters");

        return new TimeSeriesPipeline(env, config.jobName(), scored, anomalies, incidents, deadLetters);
    }

    /** One model's operators: its windows (for their dead letters) and its scores (for their reconstructions). */
    private record ModelChain(SingleOutputStreamOperator<ScorerInput> windows,
            SingleOutputStreamOperator<ScoredWindow> scored) {}

    /**
     * Windows and scores {@code readings} with {@code bundle}'s model.
     *
     * @param routedModel the model's name when it serves a route (its uids get {@link #routedUid}), or
     *     {@code null} for the default model (the single-model uids)
     * @param updates the broadcast model-updates stream, or {@code null} without hot swap
     */
    private ModelChain modelChain(DataStream<SensorReading> readings, ModelBundle bundle, String routedModel,
            DataStream<String> updates) {
        BundleManifest manifest = bundle.manifest();
        String windowsName = "order and window readings" + (routedModel == null ? "" : " (" + routedModel + ")");
        WindowAssemblerWithUpdates assembler = new WindowAssemblerWithUpdates(new WindowAssembler(
                WindowSpec.of(manifest).withResampling(config.resampling()), config.lateRecords(), config.maxHoldMs()));
        KeyedStream<SensorReading, String> bySensor = readings.keyBy(new SensorIdKey());
        // Announcements enter at the assembler, which relays them in order with its windows: the scorer
        // then has one input and is chained to the assembler (windows are handed over, not serialized).
        SingleOutputStreamOperator<ScorerInput> windows = (updates == null
                ? bySensor.transform(windowsName, ScorerInput.TYPE_INFO,
                        (OneInputStreamOperator<SensorReading, ScorerInput>) assembler)
                : bySensor.connect(updates).transform(windowsName, ScorerInput.TYPE_INFO,
                        (TwoInputStreamOperator<SensorReading, String, ScorerInput>) assembler))
                .uid(routedModel == null ? WINDOWS_UID : routedUid(WINDOWS_UID, routedModel));

        MicroBatchScorer scorer = new MicroBatchScorer(bundle.source().toAbsolutePath().toString(),
                config.batchSize(), config.batchMaxWaitMs(), sinks.denoised() != null, config.sensorLabelLimit());
        SingleOutputStreamOperator<ScoredWindow> scored = windows.transform("score windows (" + manifest.name() + ")",
                ScoredWindow.TYPE_INFO, (OneInputStreamOperator<ScorerInput, ScoredWindow>) scorer);
        scored.uid(routedModel == null ? SCORER_UID : routedUid(SCORER_UID, routedModel));
        return new ModelChain(windows, scored);
    }

    /**
     * Scored windows as keyed by sensor, where they already are: each model's windows were assembled
     * keyed by sensor id and scored in the same chain, so every window is on the subtask that owns
     * its sensor's key group. Reinterpreting instead of {@code keyBy} chains the alarm and the
     * incident tracker to the scorer, with no serialization or network hop per window.
     */
    private static KeyedStream<ScoredWindow, String> bySensor(DataStream<ScoredWindow> windows) {
        return DataStreamUtils.reinterpretAsKeyedStream(windows, new ScoredWindowSensorKey());
    }

    /**
     * The uid of a routed model's copy of a per-model operator ({@link #WINDOWS_UID}, {@link #SCORER_UID}):
     * {@code uid@model}. Keyed by the model's name, not the route's position, so reordering routes keeps
     * each model's state.
     */
    public static String routedUid(String uid, String model) {
        return uid + "@" + model;
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
