package dev.recon.metrics;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.metrics.Gauge;

/**
 * An info-style gauge: always 1, with labels that may change while it is registered (the version of
 * the model serving, which a hot swap changes). Prometheus' convention for such facts is a metric
 * named {@code *_info} with value 1 and the facts as labels; join on it to annotate other series.
 *
 * <p>Other reporters see a gauge of value 1 (labels set at run time are visible only to
 * {@link dev.recon.metrics.prometheus.PrometheusReporter}).
 */
public final class InfoGauge implements Gauge<Integer> {

    private volatile String[] labels;

    /** An info gauge with {@code name, value, name, value, ...} labels. */
    public InfoGauge(String... labelPairs) {
        set(labelPairs);
    }

    /**
     * Replaces the labels.
     *
     * @param labelPairs label names and values, alternating
     * @throws IllegalArgumentException if a name has no value
     */
    public void set(String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name-value pairs, got " + Arrays.toString(labelPairs));
        }
        for (String s : labelPairs) {
            Objects.requireNonNull(s, "label name or value");
        }
        this.labels = labelPairs.clone();
    }

    /** The current labels, names and values alternating. */
    public String[] labels() {
        return labels.clone();
    }

    @Override
    public Integer getValue() {
        return 1;
    }
}
