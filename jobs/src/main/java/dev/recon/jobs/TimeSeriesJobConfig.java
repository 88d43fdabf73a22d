package dev.recon.jobs;

import dev.recon.jobs.config.ConfigException;
import dev.recon.jobs.config.Setting;
import dev.recon.jobs.config.Settings;
import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.window.GapPolicy;
import dev.recon.model.window.ResampleSpec;
import dev.recon.operators.alarm.AlarmMode;
import dev.recon.operators.alarm.AlarmSettings;
import dev.recon.operators.incidents.IncidentTracker;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.scoring.MicroBatchScorer;
import dev.recon.operators.window.LateRecordPolicy;
import dev.recon.operators.window.WindowMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of the time-series job, declared once each, validated together at start-up.
 *
 * <p>Values come from a properties file ({@code --config job.properties}) overridden by
 * {@code --key value} arguments; the settings every job has, and their accessors, are {@link JobConfig}'s.
 * Every problem names the key and the value; unknown keys are errors; the model bundle is loaded and
 * verified (format version, checksums) here, so a bad bundle fails before the job is submitted. {@link #helpText()} and {@link #markdown()} render the table.
 *
 * <pre>{@code
 * TimeSeriesJobConfig config = TimeSeriesJobConfig.fromArgs(
 *         "--kafka.bootstrap-servers", "127.0.0.1:9092", "--model.bundle", "models/pump");
 * }</pre>
 */
public final class TimeSeriesJobConfig extends JobConfig {

    /** Input topic. */
    public static final Setting<String> READINGS_TOPIC = Setting.string("topic.readings", "sensor-readings",
            "Topic of sensor readings (JSON, see ARCHITECTURE.md).");
    /** Output topic of anomaly events. */
    public static final Setting<String> ANOMALIES_TOPIC = Setting.string("topic.anomalies", "anomalies",
            "Topic the anomaly events are written to (JSON, key = sensor id).");
    /** Dead-letter topic. */
    public static final Setting<String> DLQ_TOPIC = deadLetterTopic(READINGS_TOPIC);
    /** Kafka consumer group. */
    public static final Setting<String> GROUP_ID = groupId("recon-timeseries");
    /** Model bundle. */
    public static final Setting<ModelBundle> MODEL_BUNDLE = Setting.derived("model.bundle", "path",
            "none: required unless model.routes is set",
            "Model bundle (directory or .zip) to score with; verified at start-up. It must exist at the same path "
                    + "on every TaskManager. With model.routes, it scores the sensors no route matches (without it, "
                    + "their readings go to the dead-letter topic as NO_MODEL).",
            JobConfig::loadVerified);
    /** Routing table of several models. */
    public static final Setting<ModelRoutes> MODEL_ROUTES = Setting.derived("model.routes",
            "pattern=path[;pattern=path...]", "none: model.bundle scores every sensor",
            "Several models in one job: each route sends the sensors whose id matches its pattern (a glob over the "
                    + "whole id: * any characters, ? one character) to its bundle; the first matching route wins, e.g. "
                    + "pump-*=/models/pump.zip;fan-?-*=/models/fan.zip. Every bundle is verified at start-up; model "
                    + "names must be unique (hot swap addresses a model by name). See docs/streaming.md.",
            ModelRoutes::parse);
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
    public static final Setting<String> JOB_NAME = jobName("recon-timeseries");
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
    /** Count or time windows. */
    public static final Setting<WindowMode> WINDOW_MODE = Setting.choice("window.mode", WindowMode.class,
            WindowMode.COUNT,
            "How readings become windows: count (the last window-length readings of the bundle, whatever their "
                    + "timestamps) or time (readings are first resampled onto a grid of window.step, and a window is the "
                    + "last window-length grid points; see docs/streaming.md).");
    /** Grid step of time windows. */
    public static final Setting<Long> WINDOW_STEP = Setting.derived("window.step", "duration",
            "none: required when window.mode is time",
            "Grid step of window.mode=time: a duration with a unit (500ms, 1s, 5m, 1h) or ISO-8601 (PT1M). Grid "
                    + "points are multiples of it since the epoch; each takes the last reading at or before it within "
                    + "one step. A model trained on a grid (recon train --resample) is served only on its step: "
                    + "another step, or window.mode=count, fails at start-up.",
            ResampleSpec::parseStep);
    /** What fills a grid point without a reading. */
    public static final Setting<GapPolicy> GAP_POLICY = Setting.choice("window.gap-policy", GapPolicy.class,
            ResampleSpec.DEFAULT_GAP_POLICY,
            "window.mode=time: what a grid point without a reading in its step gets: fill-forward (the last reading), "
                    + "interpolate (linear between the readings around it) or break (nothing: the window restarts "
                    + "after the gap).");
    /** Longest gap that is filled. */
    public static final Setting<Integer> MAX_GAP_STEPS = Setting.integer("window.max-gap-steps",
            ResampleSpec.DEFAULT_MAX_GAP_STEPS, 0,
            "window.mode=time: most consecutive grid points without a reading that fill-forward or interpolate "
                    + "fill; a longer gap always breaks the window (0: every gap breaks).");

    /** What makes a window an anomaly. */
    public static final Setting<AlarmMode> ALARM_MODE = Setting.choice("alarm.mode", AlarmMode.class,
            AlarmMode.ONSET_LIKELIHOOD,
            "What makes a scored window an anomaly event: onset-likelihood (the default: its anomaly score, in [0, 1], "
                    + "reaches the alarm level; the score is the onset of the window's severity, score / threshold over "
                    + "the sensor's recent maximum, times how unusual the severity is for the sensor's history, exactly "
                    + "as recon score writes anomaly_score: the first window of an unusual episode alarms, not every "
                    + "window an anomaly stays in; keyed state per sensor, reset by a model swap) or threshold (every "
                    + "window whose score reaches the model's threshold); see docs/streaming.md.");
    /** Alarm level of the anomaly score. */
    public static final Setting<Double> ALARM_LEVEL = Setting.derived("alarm.level", "number",
            "each bundle's alarm.level (" + AlarmSpec.DEFAULT_LEVEL + ")",
            "alarm.mode=onset-likelihood: the anomaly score, in (0, 1), at which a window alarms, for every model.",
            text -> {
                double level;
                try {
                    level = Double.parseDouble(text.trim());
                } catch (NumberFormatException e) {
                    level = Double.NaN;
                }
                if (!AlarmSpec.isLevel(level)) {
                    throw new IllegalArgumentException(
                            "expected an anomaly score in (0, 1)" + AlarmSpec.oldScaleHint(level));
                }
                return level;
            });
    /** Look-back of the onset. */
    public static final Setting<Integer> ALARM_LOOK_BACK = Setting.derived("alarm.look-back", "integer",
            "each bundle's alarm.lookBack (its window length / stride)",
            "alarm.mode=onset-likelihood: how many of the sensor's previous windows a severity must exceed to be an "
                    + "onset, for every model; 0: each bundle's.", Setting.integerParser(0));
    /** Time constant of the likelihood. */
    public static final Setting<Integer> ALARM_HORIZON = Setting.derived("alarm.likelihood.horizon", "integer",
            "each bundle's alarm.likelihoodHorizon (" + AlarmSpec.DEFAULT_HORIZON + ")",
            "alarm.mode=onset-likelihood: time constant, in windows, of each sensor's long-term distribution of "
                    + "severities.", Setting.integerParser(2));
    /** Warm-up of the likelihood. */
    public static final Setting<Integer> ALARM_WARM_UP = Setting.derived("alarm.likelihood.warm-up", "integer",
            "each bundle's alarm.likelihoodWarmUp (" + AlarmSpec.DEFAULT_WARM_UP + ")",
            "alarm.mode=onset-likelihood: windows of a sensor (after a start without state, or a model swap) before "
                    + "its likelihood leaves 0.5; until then a window alarms only when its onset alone is twice what "
                    + "the level asks of onset x likelihood.", Setting.integerParser(1));
    /** Re-arm period of the alarm. */
    public static final Setting<Integer> ALARM_REARM_AFTER = Setting.derived("alarm.rearm-after", "integer",
            "each bundle's alarm.rearmAfter (its look-back)",
            "alarm.mode=onset-likelihood: windows after an alarm before the sensor can alarm again, so one "
                    + "incident pages once; 0: at once.", Setting.integerParser(0));

    /** Seasonal periods of the onset. */
    public static final Setting<List<String>> ALARM_SEASONAL_PERIODS = Setting.derived("alarm.seasonal-periods",
            "list", "each bundle's alarm.seasonalPeriods (none unless recon train --seasonal-periods)",
            "alarm.mode=onset-likelihood: comma-separated ISO-8601 periods (P1D, PT12H); a severity must also exceed "
                    + "the sensor's severities at the same time one period earlier to be an onset; none: no "
                    + "seasonal reference.", text -> AlarmSpec.parseSeasonalPeriods(text, "alarm.seasonal-periods"));

    /** Whether never-seen values page. */
    public static final Setting<Boolean> ALARM_NOVELTY = Setting.bool("alarm.novelty", true,
            "alarm.mode=onset-likelihood: a reading farther than 1/32 of its channel's training range from every "
                    + "value the sensor has shown pages too (the bundle's alarm.novelty, fitted by recon train); "
                    + "false: the window's reconstruction error alone.");

    /** Incident quiet period. */
    public static final Setting<Long> QUIET_PERIOD_MS = Setting.longInteger("incidents.quiet-period-ms",
            IncidentTracker.DEFAULT_QUIET_PERIOD_MS, 0,
            "Event time in milliseconds without an anomalous window after which a sensor's incident closes.");

    /** Cap on distinct sensor label values of per-sensor metrics. */
    public static final Setting<Integer> SENSOR_LABEL_LIMIT = Setting.integer("metrics.sensor-label-limit",
            ReconMetrics.DEFAULT_SENSOR_LABEL_LIMIT, 0,
            "Most sensors each scoring or incident subtask reports by name in per-sensor metrics (sensor label); "
                    + "later sensors are reported together as sensor=\"other\". Bounds the number of Prometheus "
                    + "series: at most this many times the parallelism per metric. See docs/operations.md.");

    /** Every setting, in the order the help shows them. */
    public static final Settings SETTINGS = Settings.withPassThrough(List.of(
                    BOOTSTRAP_SERVERS, READINGS_TOPIC, ANOMALIES_TOPIC, DLQ_TOPIC, GROUP_ID, STARTING_OFFSETS,
                    MODEL_BUNDLE, MODEL_ROUTES, PARALLELISM, CHECKPOINT_INTERVAL_MS, MAX_RECORD_BYTES, JOB_NAME,
                    DELIVERY_GUARANTEE, TRANSACTIONAL_ID_PREFIX, INCIDENTS_TOPIC, DENOISED_TOPIC, DENOISED_OUTPUT,
                    BATCH_SIZE, BATCH_MAX_WAIT_MS, MAX_OUT_OF_ORDERNESS_MS, LATE_RECORDS, MAX_HOLD_MS,
                    WATERMARK_INTERVAL_MS, IDLE_TIMEOUT_MS, WINDOW_MODE, WINDOW_STEP, GAP_POLICY, MAX_GAP_STEPS,
                    ALARM_MODE, ALARM_LEVEL, ALARM_LOOK_BACK, ALARM_HORIZON, ALARM_WARM_UP,
                    ALARM_REARM_AFTER, ALARM_SEASONAL_PERIODS, ALARM_NOVELTY, QUIET_PERIOD_MS, HOT_SWAP,
                    MODEL_UPDATES_TOPIC,
                    SENSOR_LABEL_LIMIT),
            KAFKA_CLIENT_PREFIX, KAFKA_CLIENT_DESCRIPTION);

    private static final OwnSettings OWN = new OwnSettings(READINGS_TOPIC, ANOMALIES_TOPIC, DLQ_TOPIC, GROUP_ID,
            PARALLELISM, CHECKPOINT_INTERVAL_MS, MAX_RECORD_BYTES, JOB_NAME, DENOISED_TOPIC, DENOISED_OUTPUT,
            BATCH_SIZE, BATCH_MAX_WAIT_MS, SENSOR_LABEL_LIMIT);

    private TimeSeriesJobConfig(Settings.Values values) {
        super(values, OWN);
    }

    /** Validates {@code --config FILE} and {@code --key value} arguments. */
    public static TimeSeriesJobConfig fromArgs(String... args) {
        return of(Settings.readArgs(args));
    }

    /** Validates a properties file, then {@code overrides} on top of it. */
    public static TimeSeriesJobConfig load(Path propertiesFile, Map<String, String> overrides) {
        return of(Settings.readProperties(propertiesFile, overrides));
    }

    /**
     * Validates key-value settings.
     *
     * @throws ConfigException listing every problem, each with its key and value
     */
    public static TimeSeriesJobConfig of(Map<String, String> raw) {
        Settings.Values values;
        try {
            values = SETTINGS.parse(raw);
        } catch (ConfigException e) {
            // A missing model is reported with the other problems, as a missing required setting is.
            if (raw.containsKey(MODEL_BUNDLE.key()) || raw.containsKey(MODEL_ROUTES.key())) {
                throw e;
            }
            List<ConfigException.Problem> problems = new ArrayList<>(e.problems());
            problems.add(noModel());
            throw new ConfigException(problems);
        }
        checkWindowSettings(values, raw);
        checkAlarmSettings(values, raw);
        checkModelSettings(values, raw);
        TimeSeriesJobConfig config = new TimeSeriesJobConfig(values);
        config.checkGrids(raw);
        return config;
    }

    private static ConfigException.Problem noModel() {
        return new ConfigException.Problem(MODEL_BUNDLE.key(), null,
                "required but not set, unless model.routes is set (" + MODEL_BUNDLE.description() + ")");
    }

    /** Some model must serve; the default model is one more model of the routing table, with a name of its own. */
    private static void checkModelSettings(Settings.Values values, Map<String, String> raw) {
        ModelBundle fallback = values.get(MODEL_BUNDLE);
        ModelRoutes routes = values.get(MODEL_ROUTES);
        if (fallback == null && routes == null) {
            throw new ConfigException(List.of(noModel()));
        }
        if (fallback == null) {
            return;
        }
        if (routes != null && routes.hasCatchAll()) {
            throw new ConfigException(MODEL_BUNDLE.key(), raw.get(MODEL_BUNDLE.key()), "would never score a sensor: "
                    + "a route of model.routes matches every sensor; drop one or the other");
        }
        for (ModelRoute route : routes == null ? List.<ModelRoute>of() : routes.routes()) {
            if (route.modelName().equals(fallback.manifest().name())) {
                throw new ConfigException(MODEL_ROUTES.key(), raw.get(MODEL_ROUTES.key()), "route '" + route
                        + "' serves model '" + route.modelName() + "', the model of model.bundle; model names must be"
                        + " unique (hot-swap updates address a model by name): drop the route, the default serves"
                        + " its sensors already, or train the bundles under different --name");
            }
        }
    }

    /** A grid step belongs to time windows only, and time windows need one. */
    private static void checkWindowSettings(Settings.Values values, Map<String, String> raw) {
        WindowMode mode = values.get(WINDOW_MODE);
        Long step = values.get(WINDOW_STEP);
        if (mode == WindowMode.TIME && step == null) {
            throw new ConfigException(WINDOW_STEP.key(), null,
                    "required when window.mode is time (the grid step, e.g. 1s or PT1M)");
        }
        if (mode == WindowMode.COUNT && step != null) {
            throw new ConfigException(WINDOW_STEP.key(), raw.get(WINDOW_STEP.key()),
                    "applies only to window.mode=time, but window.mode is count; set window.mode=time to resample");
        }
    }

    /**
     * A model trained on a time grid ({@code recon train --resample}) is served on the same grid: its
     * windows count grid points, so raw readings or another step would feed it a different series.
     */
    private void checkGrids(Map<String, String> raw) {
        for (ModelBundle bundle : servedBundles()) {
            Long trained = trainedStepMs(bundle);
            if (trained == null) {
                continue;
            }
            String model = "model '" + bundle.manifest().name() + "' (" + bundle.source() + ")";
            if (windowMode() == WindowMode.COUNT) {
                throw new ConfigException(WINDOW_MODE.key(), raw.getOrDefault(WINDOW_MODE.key(), "count"),
                        model + " was trained on a grid of " + trained + " ms (recon train --resample); serve it with "
                                + "window.mode=time and window.step=" + trained + "ms");
            }
            if (resampling().stepMs() != trained) {
                throw new ConfigException(WINDOW_STEP.key(), raw.get(WINDOW_STEP.key()), model
                        + " was trained on a grid of " + trained + " ms, not " + resampling().stepMs()
                        + " ms: its windows would span another stretch of time; set window.step=" + trained + "ms");
            }
        }
    }

    /** The grid step a bundle was trained on (its provenance's {@code resampling.stepMs}), or {@code null}. */
    static Long trainedStepMs(ModelBundle bundle) {
        Object resampling = bundle.manifest().provenance() == null || bundle.manifest().provenance().config() == null
                ? null : bundle.manifest().provenance().config().get("resampling");
        if (resampling instanceof Map<?, ?> grid && grid.get("stepMs") instanceof Number step) {
            return step.longValue();
        }
        return null;
    }

    /** The onset-likelihood settings are refused with the threshold rule: they would silently do nothing. */
    private static void checkAlarmSettings(Settings.Values values, Map<String, String> raw) {
        if (values.get(ALARM_MODE) == AlarmMode.ONSET_LIKELIHOOD) {
            return;
        }
        for (Setting<?> setting : List.of(ALARM_LEVEL, ALARM_LOOK_BACK, ALARM_HORIZON, ALARM_WARM_UP,
                ALARM_REARM_AFTER, ALARM_SEASONAL_PERIODS, ALARM_NOVELTY)) {
            if (raw.containsKey(setting.key())) {
                throw new ConfigException(setting.key(), raw.get(setting.key()), "applies only to "
                        + "alarm.mode=onset-likelihood, but alarm.mode is threshold; set alarm.mode=onset-likelihood");
            }
        }
    }

    /** Help text for {@code --help}. */
    public static String helpText() {
        return SETTINGS.helpText();
    }

    /** The settings reference as a Markdown table. */
    public static String markdown() {
        return SETTINGS.markdown();
    }

    /** Input topic. */
    public String readingsTopic() {
        return values.get(READINGS_TOPIC);
    }

    /** Path of the default model bundle, as given; {@code null} when only {@link #routes()} serve. */
    public Path modelBundle() {
        return bundle() == null ? null : bundle().source();
    }

    /**
     * The verified default model bundle (manifest and files; the model itself is not loaded): the one
     * model without {@link #routes()}, the model of the sensors no route matches with them;
     * {@code null} when only routes serve.
     */
    public ModelBundle bundle() {
        return values.get(MODEL_BUNDLE);
    }

    /** The routing table of several models ({@link ModelRoutes#NONE} when one model serves every sensor). */
    public ModelRoutes routes() {
        ModelRoutes routes = values.get(MODEL_ROUTES);
        return routes == null ? ModelRoutes.NONE : routes;
    }

    /** Every bundle the job serves: the default one first, if any, then the routes' in order. */
    public List<ModelBundle> servedBundles() {
        List<ModelBundle> bundles = new ArrayList<>();
        if (bundle() != null) {
            bundles.add(bundle());
        }
        routes().routes().forEach(route -> bundles.add(route.bundle()));
        return bundles;
    }

    /** Incident topic. */
    public String incidentsTopic() {
        return values.get(INCIDENTS_TOPIC);
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

    /** Count or time windows. */
    public WindowMode windowMode() {
        return values.get(WINDOW_MODE);
    }

    /** The grid of time windows ({@code window.*}), or {@code null} in count mode. */
    public ResampleSpec resampling() {
        if (windowMode() == WindowMode.COUNT) {
            return null;
        }
        return new ResampleSpec(values.get(WINDOW_STEP), values.get(GAP_POLICY), values.get(MAX_GAP_STEPS));
    }

    /** What makes a window an anomaly. */
    public AlarmMode alarmMode() {
        return values.get(ALARM_MODE);
    }

    /**
     * The settings of the onset-likelihood alarm for every served model (look-backs by model name), or
     * {@code null} with the threshold rule.
     */
    public AlarmSettings alarmSettings() {
        if (alarmMode() != AlarmMode.ONSET_LIKELIHOOD) {
            return null;
        }
        Map<String, AlarmSpec> byModel = new LinkedHashMap<>();
        for (ModelBundle bundle : servedBundles()) {
            byModel.put(bundle.manifest().name(), alarmOf(bundle));
        }
        return new AlarmSettings(byModel);
    }

    /** A bundle's alarm with the job's {@code alarm.*} overrides. */
    private AlarmSpec alarmOf(ModelBundle bundle) {
        AlarmSpec own = bundle.manifest().alarmOrDefault();
        Double level = values.get(ALARM_LEVEL);
        Integer lookBack = values.get(ALARM_LOOK_BACK);
        Integer horizon = values.get(ALARM_HORIZON);
        Integer warmUp = values.get(ALARM_WARM_UP);
        Integer rearmAfter = values.get(ALARM_REARM_AFTER);
        List<String> periods = values.get(ALARM_SEASONAL_PERIODS);
        boolean novelty = values.get(ALARM_NOVELTY);
        if (level == null && (lookBack == null || lookBack == 0) && horizon == null && warmUp == null
                && rearmAfter == null && periods == null && (novelty || own.novelty() == null)) {
            return own;
        }
        return new AlarmSpec(own.rule(), level != null ? level : own.level(),
                lookBack != null && lookBack > 0 ? lookBack : own.lookBack(),
                horizon != null ? horizon : own.likelihoodHorizon(), warmUp != null ? warmUp : own.likelihoodWarmUp(),
                rearmAfter != null ? rearmAfter : own.rearmAfter(), periods != null ? periods : own.seasonalPeriods(),
                novelty ? own.novelty() : null, own.chosenOn() + "; alarm.* settings of the job on top");
    }

    /** Quiet period closing an incident, in milliseconds of event time. */
    public long quietPeriodMs() {
        return values.get(QUIET_PERIOD_MS);
    }

    @Override
    public String toString() {
        return "TimeSeriesJobConfig{bootstrap=" + bootstrapServers() + ", readings=" + readingsTopic()
                + ", anomalies=" + anomaliesTopic() + ", dlq=" + deadLetterTopic() + ", group=" + groupId()
                + ", start=" + Setting.configName(startingOffsets()) + ", bundle=" + modelBundle()
                + (routes().isEmpty() ? "" : ", routes=" + routes())
                + ", parallelism=" + parallelism() + ", checkpointMs=" + checkpointIntervalMs()
                + ", maxRecordBytes=" + maxRecordBytes() + ", job=" + jobName()
                + ", delivery=" + Setting.configName(deliveryGuarantee()) + ", incidents=" + incidentsTopic()
                + ", denoised=" + (denoisedOutput() ? denoisedTopic() : "off") + ", batch=" + batchSize() + "/"
                + batchMaxWaitMs() + "ms, outOfOrderness=" + maxOutOfOrdernessMs() + "ms, late="
                + Setting.configName(lateRecords()) + ", maxHold=" + maxHoldMs() + "ms, window="
                + (resampling() == null ? "count" : "time (" + resampling().describe() + ")") + ", alarm="
                + (alarmMode() == AlarmMode.THRESHOLD ? "threshold" : "onset-likelihood >= "
                        + (values.get(ALARM_LEVEL) == null ? "the bundle's level" : values.get(ALARM_LEVEL)))
                + ", quiet=" + quietPeriodMs() + "ms}";
    }
}
