package dev.recon.operators.metrics;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** One count kept twice: as a Flink metric counter and as a job-wide {@link LongCounter} accumulator. */
public final class EventCounter {

    private final Counter metric;
    private final LongCounter accumulator;

    private EventCounter(Counter metric, LongCounter accumulator) {
        this.metric = metric;
        this.accumulator = accumulator;
    }

    /**
     * Registers the counter on the operator's metric group and the accumulator on its task.
     *
     * <p>The accumulator is looked up with {@link RuntimeContext#getLongCounter}, which reuses an
     * accumulator of the same name: operators chained into one task may share a count (adding a
     * second one with {@code addAccumulator} would throw).
     */
    public static EventCounter register(RuntimeContext context, String metricName, String accumulatorName) {
        return register(context, context.getMetricGroup(), metricName, accumulatorName);
    }

    /** As {@link #register(RuntimeContext, String, String)}, on a given metric (sub-)group. */
    public static EventCounter register(
            RuntimeContext context, MetricGroup group, String metricName, String accumulatorName) {
        return new EventCounter(group.counter(metricName), context.getLongCounter(accumulatorName));
    }

    /** Counts one event. */
    public void inc() {
        metric.inc();
        accumulator.add(1L);
    }

    /** The metric's count in this subtask. */
    public long count() {
        return metric.getCount();
    }
}
