package dev.recon.operators.metrics;

import dev.recon.metrics.BucketHistogram;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The metrics of one alarm subtask: alarms per model and sensor ({@link ReconMetrics#ALARMS}, capped by
 * {@link SensorLabels}) and the distribution of alarm scores per model ({@link ReconMetrics#ALARM_SCORE}),
 * which shows how close normal windows come to the level. Two map lookups per window, no allocation
 * once a sensor has been seen.
 */
public final class AlarmMetrics {

    private final RuntimeContext context;
    private final SensorLabels labels;
    private final Map<String, ModelSeries> byModel = new HashMap<>();
    private final LongCounter alarms;

    /** One model's series. */
    private final class ModelSeries {
        final MetricGroup group;
        final BucketHistogram scores;
        final Map<String, Counter> bySensor = new HashMap<>();
        final Map<String, Counter> byLabel = new HashMap<>();

        ModelSeries(String model) {
            group = context.getMetricGroup().addGroup(ReconMetrics.MODEL, model);
            scores = group.histogram(ReconMetrics.ALARM_SCORE, new BucketHistogram(ReconMetrics.ALARM_SCORE_BUCKETS));
        }

        Counter counter(String sensorId) {
            Counter counter = bySensor.get(sensorId);
            if (counter == null) {
                // sensors beyond the label cap share one "other" counter
                String label = labels.label(sensorId);
                counter = byLabel.computeIfAbsent(label,
                        l -> group.addGroup(ReconMetrics.SENSOR, l).counter(ReconMetrics.ALARMS));
                bySensor.put(sensorId, counter);
            }
            return counter;
        }
    }

    /** Registers the accumulator; series appear as models and sensors are seen. */
    public AlarmMetrics(RuntimeContext context, int sensorLabelLimit) {
        this.context = context;
        this.labels = new SensorLabels(sensorLabelLimit);
        this.alarms = context.getLongCounter(ReconMetrics.ALARMS_ACCUMULATOR);
    }

    /** Records a judged window's alarm score, and an alarm when {@code alarm}. */
    public void judged(String model, String sensorId, double alarmScore, boolean alarm) {
        ModelSeries series = byModel.get(model);
        if (series == null) {
            series = new ModelSeries(model);
            byModel.put(model, series);
        }
        series.scores.observe(alarmScore);
        // the counter exists from a sensor's first window on, so alert rules can tell judged sensors apart
        Counter counter = series.counter(sensorId);
        if (alarm) {
            counter.inc();
            alarms.add(1L);
        }
    }
}
