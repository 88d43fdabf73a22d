package dev.recon.operators.metrics;

import dev.recon.metrics.BucketHistogram;

/**
 * Names, labels and buckets of recon's metrics and accumulators: the alert rules
 * ({@code deploy/prometheus/rules}), the Grafana dashboard, {@code docs/operations.md} and drivers
 * refer to these, so they are part of the contract.
 *
 * <p>Metric names are Prometheus names: {@code recon_} prefix, base units in the name
 * ({@code _seconds}, {@code _ratio}), {@code _total} on counters, {@code _info} on the info gauge.
 * recon's reporter ({@link dev.recon.metrics.prometheus.PrometheusReporter}) exports them under these
 * names, counters as counters and {@link BucketHistogram}s as histograms. Labels are metric-group
 * key-value pairs ({@link #TOPIC}, {@link #REASON}, {@link #MODEL}, {@link #SENSOR}) plus Flink's
 * scope variables ({@code job_name}, {@code task_name}, {@code subtask_index}, ...). Per-sensor series
 * are capped ({@link SensorLabels}): sensors beyond the cap share {@link SensorLabels#OTHER}.
 *
 * <p>Accumulators are job-wide sums of some of the same counts. A running job's accumulators reach
 * the JobManager with TaskManager heartbeats ({@code heartbeat.interval}, 10 s by default), so a live
 * reading lags by up to one interval; the values in the final job result are exact.
 */
public final class ReconMetrics {

    /** Counter {topic}: input records received, usable or not. */
    public static final String RECORDS_IN = "recon_records_in_total";
    /** Counter: readings parsed and validated. */
    public static final String READINGS_PARSED = "recon_readings_parsed_total";
    /** Counter: images decoded, converted to the model's shape and scaled. */
    public static final String IMAGES_DECODED = "recon_images_decoded_total";
    /**
     * Counter {model}: sensors a per-sensor bundle has no statistics of, normalised with its pooled
     * statistics instead; each sensor counts once per subtask and model version.
     */
    public static final String POOLED_STATISTICS_SENSORS = "recon_pooled_statistics_sensors_total";
    /** Counter {reason}: records sent to the dead-letter output. */
    public static final String DEAD_LETTERS = "recon_dead_letters_total";
    /** Counter {model, sensor}: windows (or images; the sensor label is then the image source) scored by a model. */
    public static final String WINDOWS_SCORED = "recon_windows_scored_total";
    /** Counter {model, sensor}: scored windows at or above the threshold. */
    public static final String ANOMALIES = "recon_anomalies_total";
    /**
     * Counter {model, sensor}: windows the alarm rule judged anomalous ({@code alarm.mode=onset-likelihood}
     * only; then these, not {@link #ANOMALIES}, are the job's anomaly events).
     */
    public static final String ALARMS = "recon_alarms_total";
    /** Histogram {model}: onset x likelihood of every judged window ({@code alarm.mode=onset-likelihood} only). */
    public static final String ALARM_SCORE = "recon_alarm_score";
    /** Counter {model, sensor}: incidents opened. */
    public static final String INCIDENTS = "recon_incidents_total";
    /** Gauge {model, sensor}: incidents open now (0 or 1 per sensor; a count for {@code other}). */
    public static final String INCIDENTS_OPEN = "recon_incidents_open";
    /** Gauge {model, sensor}: the score of the sensor's latest window. */
    public static final String SENSOR_SCORE = "recon_sensor_score";
    /** Histogram {model}: window scores (reconstruction error, normalised units). */
    public static final String SCORE = "recon_score";
    /** Histogram {model}: score / threshold of every window (severity; 1 is the threshold). */
    public static final String SCORE_THRESHOLD_RATIO = "recon_score_threshold_ratio";
    /** Histogram {model}: windows per forward pass. */
    public static final String INFERENCE_BATCH_SIZE = "recon_inference_batch_size";
    /** Histogram {model}: time of one forward pass (one batch), in seconds. */
    public static final String INFERENCE_LATENCY = "recon_inference_latency_seconds";
    /** Histogram {model}: processing time minus event time (window end) of scored windows, in seconds. */
    public static final String EVENT_TIME_LAG = "recon_event_time_lag_seconds";
    /** Gauge {model, model_version}: 1 for the model version serving (info-style; changes on hot swap). */
    public static final String MODEL_INFO = "recon_model_info";
    /** Gauge {model}: the serving model's threshold. */
    public static final String MODEL_THRESHOLD = "recon_model_threshold";
    /** Counter {model}: model bundles swapped in from the model-updates topic. */
    public static final String MODEL_SWAPS = "recon_model_swaps_total";
    /** Counter {model}: announced model bundles rejected (invalid message, bundle or shape); the old model kept serving. */
    public static final String MODEL_SWAP_FAILURES = "recon_model_swap_failures_total";
    /** Counter {origin}: grid points emitted by time windows' resampling ({@code reading}, {@code filled}, {@code interpolated}). */
    public static final String GRID_POINTS = "recon_grid_points_total";
    /** Counter: gaps that broke a sensor's time window (gap policy {@code break}, or longer than the max gap). */
    public static final String WINDOW_BREAKS = "recon_window_breaks_total";

    /** Label (metric-group key): input topic. */
    public static final String TOPIC = "topic";
    /** Label (metric-group key): dead-letter reason code. */
    public static final String REASON = "reason";
    /** Label (metric-group key): model name. */
    public static final String MODEL = "model";
    /** Label (metric-group key): sensor id, or {@link SensorLabels#OTHER} beyond the cap. */
    public static final String SENSOR = "sensor";
    /** Label of {@link #MODEL_INFO}: the serving model version. */
    public static final String MODEL_VERSION = "model_version";
    /** Label (metric-group key) of {@link #GRID_POINTS}: where a grid point's value came from. */
    public static final String ORIGIN = "origin";
    /** Metric group key under which {@link #DEAD_LETTERS} is split by reason code (kept for callers). */
    public static final String REASON_GROUP = REASON;

    /** Buckets of {@link #SCORE}: 0.0001 to about 52, doubling. */
    public static final double[] SCORE_BUCKETS = BucketHistogram.exponential(0.0001, 2, 20);
    /** Buckets of {@link #SCORE_THRESHOLD_RATIO}; alert thresholds on severity must be one of these. */
    public static final double[] SCORE_THRESHOLD_RATIO_BUCKETS =
            {0.1, 0.25, 0.5, 0.75, 0.9, 1, 1.25, 1.5, 2, 3, 5, 10, 20, 50, 100};
    /** Buckets of {@link #ALARM_SCORE} (anomaly scores in [0, 1]): dense around the default level 0.7. */
    public static final double[] ALARM_SCORE_BUCKETS = {0.1, 0.25, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 0.95, 0.99, 1};
    /** Buckets of {@link #INFERENCE_BATCH_SIZE}: 1 to 1024, doubling. */
    public static final double[] INFERENCE_BATCH_SIZE_BUCKETS = BucketHistogram.exponential(1, 2, 11);
    /** Buckets of {@link #INFERENCE_LATENCY}: 50 microseconds to about 1.6 s, doubling. */
    public static final double[] INFERENCE_LATENCY_BUCKETS = BucketHistogram.exponential(0.00005, 2, 16);
    /** Buckets of {@link #EVENT_TIME_LAG}: 100 ms to a day. */
    public static final double[] EVENT_TIME_LAG_BUCKETS =
            {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400};

    /** Default cap on distinct sensor label values per subtask ({@code metrics.sensor-label-limit}). */
    public static final int DEFAULT_SENSOR_LABEL_LIMIT = 100;

    /** Accumulator ({@code LongCounter}): readings parsed and validated. */
    public static final String READINGS_PARSED_ACCUMULATOR = "recon.readings-parsed";
    /** Accumulator ({@code LongCounter}): images decoded. */
    public static final String IMAGES_DECODED_ACCUMULATOR = "recon.images-decoded";
    /** Accumulator ({@code LongCounter}): sensors normalised with pooled statistics. */
    public static final String POOLED_STATISTICS_SENSORS_ACCUMULATOR = "recon.pooled-statistics-sensors";
    /** Accumulator ({@code LongCounter}): dead letters of any reason. */
    public static final String DEAD_LETTERS_ACCUMULATOR = "recon.dead-letters";
    /** Accumulator ({@code LongCounter}): windows (or images) scored. */
    public static final String WINDOWS_SCORED_ACCUMULATOR = "recon.windows-scored";
    /** Accumulator ({@code LongCounter}): anomalous windows. */
    public static final String ANOMALIES_ACCUMULATOR = "recon.anomalies";
    /** Accumulator ({@code LongCounter}): model swaps, summed over subtasks (each subtask swaps). */
    public static final String MODEL_SWAPS_ACCUMULATOR = "recon.model-swaps";
    /** Accumulator ({@code LongCounter}): rejected model updates, summed over subtasks. */
    public static final String MODEL_SWAP_FAILURES_ACCUMULATOR = "recon.model-swap-failures";
    /** Accumulator ({@code LongCounter}): grid points taken from a reading (time windows). */
    public static final String GRID_POINTS_READ_ACCUMULATOR = "recon.grid-points-read";
    /** Accumulator ({@code LongCounter}): grid points filled forward (time windows). */
    public static final String GRID_POINTS_FILLED_ACCUMULATOR = "recon.grid-points-filled";
    /** Accumulator ({@code LongCounter}): grid points interpolated (time windows). */
    public static final String GRID_POINTS_INTERPOLATED_ACCUMULATOR = "recon.grid-points-interpolated";
    /** Accumulator ({@code LongCounter}): time-window breaks. */
    public static final String WINDOW_BREAKS_ACCUMULATOR = "recon.window-breaks";
    /** Accumulator of {@link #ALARMS}. */
    public static final String ALARMS_ACCUMULATOR = "recon.alarms";

    private ReconMetrics() {}
}
