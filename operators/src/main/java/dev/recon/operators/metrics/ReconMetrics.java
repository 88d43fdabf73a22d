package dev.recon.operators.metrics;

/**
 * Names of recon's Flink metrics and accumulators; dashboards, alert rules and drivers refer to
 * these, so they are part of the contract.
 *
 * <p>Metrics are counters registered on each operator's metric group (Flink adds the job, task and
 * operator scope). Dead letters are one counter per {@link dev.recon.operators.types.DeadLetterReason},
 * in a sub-group with key {@link #REASON_GROUP} (a {@code reason} label in Prometheus), all
 * registered up front so that every reason reports 0 rather than nothing.
 *
 * <p>Accumulators are job-wide sums of the same counts. A running job's accumulators reach the
 * JobManager with TaskManager heartbeats ({@code heartbeat.interval}, 10 s by default), so a live
 * reading lags by up to one interval; the values in the final job result are exact.
 */
public final class ReconMetrics {

    /** Counter: readings parsed and validated. */
    public static final String READINGS_PARSED = "readingsParsed";
    /** Counter: records sent to the dead-letter output, one counter per reason. */
    public static final String DEAD_LETTERS = "deadLetters";
    /** Metric group key under which {@link #DEAD_LETTERS} is split by reason code. */
    public static final String REASON_GROUP = "reason";
    /** Counter: windows scored by a model. */
    public static final String WINDOWS_SCORED = "windowsScored";
    /** Counter: scored windows above the threshold. */
    public static final String ANOMALIES = "anomalies";
    /** Counter: model bundles swapped in from the model-updates topic. */
    public static final String MODEL_SWAPS = "modelSwaps";
    /** Counter: announced model bundles rejected (invalid message, bundle or shape); the old model kept serving. */
    public static final String MODEL_SWAP_FAILURES = "modelSwapFailures";

    /** Accumulator ({@code LongCounter}): readings parsed and validated. */
    public static final String READINGS_PARSED_ACCUMULATOR = "recon.readings-parsed";
    /** Accumulator ({@code LongCounter}): dead letters of any reason. */
    public static final String DEAD_LETTERS_ACCUMULATOR = "recon.dead-letters";
    /** Accumulator ({@code LongCounter}): windows scored. */
    public static final String WINDOWS_SCORED_ACCUMULATOR = "recon.windows-scored";
    /** Accumulator ({@code LongCounter}): anomalous windows. */
    public static final String ANOMALIES_ACCUMULATOR = "recon.anomalies";
    /** Accumulator ({@code LongCounter}): model swaps, summed over subtasks (each subtask swaps). */
    public static final String MODEL_SWAPS_ACCUMULATOR = "recon.model-swaps";
    /** Accumulator ({@code LongCounter}): rejected model updates, summed over subtasks. */
    public static final String MODEL_SWAP_FAILURES_ACCUMULATOR = "recon.model-swap-failures";

    private ReconMetrics() {}
}
