package dev.recon.operators.metrics;

import dev.recon.operators.types.DeadLetterReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts one operator's dead letters: a metric counter per reason (so alerts can tell a broken
 * producer from a model mismatch) and the job-wide dead-letter accumulator.
 */
public final class DeadLetterCounter {

    private final Map<DeadLetterReason, Counter> byReason;
    private final LongCounter total;

    private DeadLetterCounter(
            Map<DeadLetterReason, Counter> byReason, LongCounter total) {
        this.byReason = byReason;
        this.total = total;
    }

    /** Registers a counter for every reason and the {@link ReconMetrics#DEAD_LETTERS_ACCUMULATOR}. */
    public static DeadLetterCounter register(RuntimeContext context) {
        MetricGroup group = context.getMetricGroup();
        Map<DeadLetterReason, Counter> counters = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            counters.put(reason,
                    group.addGroup(ReconMetrics.REASON, reason.name()).counter(ReconMetrics.DEAD_LETTERS));
        }
        return new DeadLetterCounter(counters, context.getLongCounter(ReconMetrics.DEAD_LETTERS_ACCUMULATOR));
    }

    /** Counts one dead letter. */
    public void inc(DeadLetterReason reason) {
        byReason.get(reason).inc();
        total.add(1L);
    }

    /** This subtask's count for one reason. */
    public long count(DeadLetterReason reason) {
        return byReason.get(reason).getCount();
    }
}
