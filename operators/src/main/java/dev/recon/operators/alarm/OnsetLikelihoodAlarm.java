package dev.recon.operators.alarm;

import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.scoring.OnsetLikelihood;
import dev.recon.model.scoring.StreamAlarm;
import dev.recon.operators.metrics.AlarmMetrics;
import dev.recon.operators.types.AnomalyEvent;
import dev.recon.operators.types.ScoredWindow;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Judges each sensor's scored windows by the onset of their severity times its anomaly likelihood
 * ({@link StreamAlarm}, keyed state per sensor) instead of each score against the threshold: a
 * window alarms when its anomaly score (in [0, 1]) reaches its model's alarm level and no alarm of
 * the sensor's last {@code rearmAfter} windows silences it ({@link AlarmSpec}, from the bundle unless
 * the job overrides it), or, with the bundle's novelty, when one of its newest readings takes a
 * value the sensor has never been near ({@link ScoredWindow#newestValues()}), exactly as
 * {@code recon score} computes its {@code anomaly_score} and {@code is_anomaly} columns.
 *
 * <p>With stride-1 windows one unusual reading stays in a window-length run of windows, and a sensor
 * whose errors run high everywhere crosses the threshold again and again; this rule alarms on the
 * first window of an episode that is unusual for that sensor. Every window goes on with its verdict
 * replaced (for the incident tracker); an alarm is also written to {@link #ANOMALIES} as an
 * {@link AnomalyEvent} carrying the rule's numbers. A window scored by another model version than
 * the sensor's state (a hot swap; the values the sensor has shown stay known to the novelty), or
 * under other seasonal periods than the state's (a job restarted
 * with another {@code alarm.seasonal-periods}, or from a savepoint of before them), starts a fresh
 * state; so does a job that turns the bundle's novelty off ({@code alarm.novelty=false}) or a
 * savepoint of before novelty. A window whose score is not a number is passed on as normal without
 * touching the state: the scorer has counted it already.
 */
public class OnsetLikelihoodAlarm extends KeyedProcessFunction<String, ScoredWindow, ScoredWindow> {

    private static final long serialVersionUID = 1L;

    /** Keyed state of the sensor's alarm. Savepoint-compatible name: never change it. */
    public static final String STATE = "recon.alarm";
    /** The anomaly events of alarms. */
    public static final OutputTag<AnomalyEvent> ANOMALIES = new OutputTag<>("alarms", AnomalyEvent.TYPE_INFO);
    /** The rule's name in anomaly events. */
    public static final String RULE = AlarmSpec.ONSET_LIKELIHOOD;
    /** Severities are capped here ({@link OnsetLikelihood#MAX_SEVERITY}). */
    static final double MAX_SEVERITY = OnsetLikelihood.MAX_SEVERITY;

    private final AlarmSettings settings;
    private final int sensorLabelLimit;
    private transient ValueState<SensorAlarm> state;
    private transient AlarmMetrics metrics;
    /** Each model's seasonal periods in milliseconds, parsed once rather than per window. */
    private transient Map<String, long[]> seasonalPeriods;

    /** An alarm with the given settings, metrics naming at most {@code sensorLabelLimit} sensors per subtask. */
    public OnsetLikelihoodAlarm(AlarmSettings settings, int sensorLabelLimit) {
        if (sensorLabelLimit < 0) {
            throw new IllegalArgumentException("sensorLabelLimit must be >= 0, got " + sensorLabelLimit);
        }
        this.settings = settings;
        this.sensorLabelLimit = sensorLabelLimit;
    }

    /** The state's descriptor (with its serializer: no Kryo). */
    public static ValueStateDescriptor<SensorAlarm> stateDescriptor() {
        return new ValueStateDescriptor<>(STATE, new SensorAlarmSerializer());
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(stateDescriptor());
        metrics = new AlarmMetrics(getRuntimeContext(), sensorLabelLimit);
        seasonalPeriods = new HashMap<>();
        settings.byModel().forEach((model, spec) -> seasonalPeriods.put(model, spec.seasonalPeriodsMs()));
    }

    @Override
    public void processElement(ScoredWindow window, Context ctx, Collector<ScoredWindow> out) throws Exception {
        double severity = severity(window.score(), window.threshold());
        if (Double.isNaN(severity)) {
            out.collect(window.withVerdict(false));
            return;
        }
        AlarmSpec spec = settings.of(window.model());
        SensorAlarm alarm = state.value();
        if (alarm == null || !alarm.judges(window.model(), window.modelVersion())
                || !alarm.alarm().follows(seasonalPeriods.get(window.model()), spec.novelty())) {
            StreamAlarm fresh = StreamAlarm.of(spec);
            if (alarm != null && alarm.model().equals(window.model())) {
                fresh.continueNoveltyOf(alarm.alarm()); // a hot swap: the sensor's values stay known
            }
            alarm = new SensorAlarm(window.model(), window.modelVersion(), fresh);
        }
        StreamAlarm rule = alarm.alarm();
        boolean anomalous = rule.update(severity, window.windowEnd(), window.windowEnd() - window.windowStart(),
                window.newestValues(), window.newestSteps(), spec);
        state.update(alarm);
        double anomalyScore = rule.anomalyScore();
        OnsetLikelihood score = rule.score();
        metrics.judged(window.model(), window.sensorId(), anomalyScore, anomalous);
        out.collect(window.withVerdict(anomalous));
        if (anomalous) {
            ctx.output(ANOMALIES, AnomalyEvent.of(window).withAlarm(
                    new AnomalyEvent.Alarm(RULE, anomalyScore, spec.level(), score.onset(), score.likelihood(),
                            rule.lastWasNewValue())));
        }
    }

    /** {@link OnsetLikelihood#severity}: the offline rule and the job judge the same severities. */
    static double severity(double score, double threshold) {
        return OnsetLikelihood.severity(score, threshold);
    }
}
