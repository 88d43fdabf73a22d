package dev.recon.operators.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts input records per topic ({@link ReconMetrics#RECORDS_IN}, label {@link ReconMetrics#TOPIC}),
 * reading the topic from a record's origin ({@code topic/partition@offset}).
 *
 * <p>Records of the topic seen last are counted without allocating: the origin is compared in place.
 */
public final class RecordsInCounter {

    private final MetricGroup group;
    private final Map<String, Counter> byTopic = new HashMap<>();
    private String lastTopic;
    private Counter lastCounter;

    /** Registers counters on {@code group} as topics appear. */
    public RecordsInCounter(MetricGroup group) {
        this.group = group;
    }

    /** Counts one record from {@code origin}. */
    public void inc(String origin) {
        if (lastTopic != null && origin.length() > lastTopic.length() && origin.charAt(lastTopic.length()) == '/'
                && origin.startsWith(lastTopic)) {
            lastCounter.inc();
            return;
        }
        int slash = origin.lastIndexOf('/');
        String topic = slash < 0 ? origin : origin.substring(0, slash);
        Counter counter = byTopic.computeIfAbsent(topic,
                t -> group.addGroup(ReconMetrics.TOPIC, t).counter(ReconMetrics.RECORDS_IN));
        lastTopic = topic;
        lastCounter = counter;
        counter.inc();
    }
}
