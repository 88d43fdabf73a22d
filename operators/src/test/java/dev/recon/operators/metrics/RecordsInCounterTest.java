package dev.recon.operators.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** Tests for {@link RecordsInCounter}. */
class RecordsInCounterTest {

    /** Records the counters registered per topic group. */
    private static final class Topics extends UnregisteredMetricsGroup {
        final Map<String, Counter> counters = new LinkedHashMap<>();

        @Override
        public MetricGroup addGroup(String key, String value) {
            assertThat(key).isEqualTo(ReconMetrics.TOPIC);
            return new UnregisteredMetricsGroup() {
                @Override
                public Counter counter(String name) {
                    assertThat(name).isEqualTo(ReconMetrics.RECORDS_IN);
                    return counters.computeIfAbsent(value, v -> super.counter(name));
                }
            };
        }
    }

    @Test
    void countsRecordsByTheTopicOfTheirOrigin() {
        Topics group = new Topics();
        RecordsInCounter counter = new RecordsInCounter(group);
        counter.inc("sensor-readings/0@1");
        counter.inc("sensor-readings/1@7");
        counter.inc("sensor-readings.eu/0@3");
        counter.inc("sensor-readings/0@2");
        assertThat(group.counters).containsOnlyKeys("sensor-readings", "sensor-readings.eu");
        assertThat(group.counters.get("sensor-readings").getCount()).isEqualTo(3);
        assertThat(group.counters.get("sensor-readings.eu").getCount()).isEqualTo(1);
    }
}
