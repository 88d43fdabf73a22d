package dev.recon.operators.metrics;

import dev.recon.metrics.BucketHistogram;
import dev.recon.metrics.InfoGauge;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The metrics of one scoring subtask: windows scored and anomalies per sensor (capped by
 * {@link SensorLabels}; the per-sensor map holds one entry per sensor the subtask scores, as its window
 * state does), the latest score per sensor, histograms of scores, severities, batch sizes,
 * inference latency and event-time lag, the serving model (info gauge and threshold), and hot swaps.
 *
 * <p>Per window it does two map lookups, four histogram observations and two counter increments:
 * nothing is allocated once a sensor has been seen.
 */
public final class ScoringMetrics {

    private final MetricGroup modelGroup;
    private final SensorLabels labels;
    private final Map<String, SensorSeries> bySensor = new HashMap<>();
    private final LongCounter windowsScored;
    private final LongCounter anomalies;
    private final EventCounter swaps;
    private final EventCounter swapFailures;
    private final BucketHistogram scores;
    private final BucketHistogram ratios;
    private final BucketHistogram batchSizes;
    private final BucketHistogram latencies;
    private final BucketHistogram lags;
    private final InfoGauge info;
    private SensorSeries other;
    private volatile double threshold;

    /** Everything a sensor label counts. */
    private static final class SensorSeries {
        final Counter windows;
        final Counter anomalies;
        volatile double lastScore;

        SensorSeries(MetricGroup group) {
            windows = group.counter(ReconMetrics.WINDOWS_SCORED);
            anomalies = group.counter(ReconMetrics.ANOMALIES);
            group.gauge(ReconMetrics.SENSOR_SCORE, (Gauge<Double>) () -> lastScore);
        }
    }

    private ScoringMetrics(RuntimeContext context, String model, String version, double threshold,
            int sensorLabelLimit) {
        modelGroup = context.getMetricGroup().addGroup(ReconMetrics.MODEL, model);
        labels = new SensorLabels(sensorLabelLimit);
        // Accumulators for drivers (the job-wide totals); the metrics per sensor are below.
        windowsScored = context.getLongCounter(ReconMetrics.WINDOWS_SCORED_ACCUMULATOR);
        anomalies = context.getLongCounter(ReconMetrics.ANOMALIES_ACCUMULATOR);
        swaps = EventCounter.register(context, modelGroup, ReconMetrics.MODEL_SWAPS, ReconMetrics.MODEL_SWAPS_ACCUMULATOR);
        swapFailures = EventCounter.register(context, modelGroup, ReconMetrics.MODEL_SWAP_FAILURES,
                ReconMetrics.MODEL_SWAP_FAILURES_ACCUMULATOR);
        scores = modelGroup.histogram(ReconMetrics.SCORE, new BucketHistogram(ReconMetrics.SCORE_BUCKETS));
        ratios = modelGroup.histogram(ReconMetrics.SCORE_THRESHOLD_RATIO,
                new BucketHistogram(ReconMetrics.SCORE_THRESHOLD_RATIO_BUCKETS));
        batchSizes = modelGroup.histogram(ReconMetrics.INFERENCE_BATCH_SIZE,
                new BucketHistogram(ReconMetrics.INFERENCE_BATCH_SIZE_BUCKETS));
        latencies = modelGroup.histogram(ReconMetrics.INFERENCE_LATENCY,
                new BucketHistogram(ReconMetrics.INFERENCE_LATENCY_BUCKETS));
        lags = modelGroup.histogram(ReconMetrics.EVENT_TIME_LAG, new BucketHistogram(ReconMetrics.EVENT_TIME_LAG_BUCKETS));
        info = modelGroup.gauge(ReconMetrics.MODEL_INFO, new InfoGauge(ReconMetrics.MODEL_VERSION, version));
        this.threshold = threshold;
        modelGroup.gauge(ReconMetrics.MODEL_THRESHOLD, (Gauge<Double>) () -> this.threshold);
    }

    /**
     * Registers the metrics of a subtask serving {@code model}.
     *
     * @param sensorLabelLimit distinct sensor label values before sensors are reported as {@link SensorLabels#OTHER}
     */
    public static ScoringMetrics register(RuntimeContext context, String model, String version, double threshold,
            int sensorLabelLimit) {
        return new ScoringMetrics(context, model, version, threshold, sensorLabelLimit);
    }

    /**
     * Records one scored window.
     *
     * @param nowMs processing time now, epoch milliseconds
     * @param windowEndMs event time of the window's newest reading, epoch milliseconds
     */
    public void windowScored(String sensorId, double score, double threshold, boolean anomalous, long nowMs,
            long windowEndMs) {
        SensorSeries series = bySensor.get(sensorId);
        if (series == null) {
            series = seriesOf(labels.label(sensorId));
            bySensor.put(sensorId, series);
        }
        series.windows.inc();
        series.lastScore = score;
        windowsScored.add(1L);
        if (anomalous) {
            series.anomalies.inc();
            anomalies.add(1L);
        }
        scores.observe(score);
        ratios.observe(threshold > 0 ? score / threshold : Double.POSITIVE_INFINITY);
        lags.observe((nowMs - windowEndMs) / 1000.0);
    }

    private SensorSeries seriesOf(String label) {
        if (label.equals(SensorLabels.OTHER)) {
            if (other == null) {
                other = new SensorSeries(modelGroup.addGroup(ReconMetrics.SENSOR, SensorLabels.OTHER));
            }
            return other;
        }
        return new SensorSeries(modelGroup.addGroup(ReconMetrics.SENSOR, label));
    }

    /** Records one forward pass of {@code size} windows that took {@code nanos}. */
    public void batchScored(int size, long nanos) {
        batchSizes.observe(size);
        latencies.observe(nanos / 1e9);
    }

    /** A new model version serves (after a hot swap). */
    public void serving(String version, double threshold) {
        info.set(ReconMetrics.MODEL_VERSION, version);
        this.threshold = threshold;
        swaps.inc();
    }

    /** An announced model was rejected. */
    public void swapFailed() {
        swapFailures.inc();
    }
}
