package dev.recon.operators.metrics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Incidents of one subtask per model and sensor (capped by {@link SensorLabels}): incidents opened
 * ({@link ReconMetrics#INCIDENTS}) and open now ({@link ReconMetrics#INCIDENTS_OPEN}).
 *
 * <p>The open gauge is kept from what the tracker sees, not from state: after a restore an open
 * incident counts again once its sensor's next window arrives ({@link #stillOpen}).
 */
public final class IncidentMetrics {

    private final MetricGroup group;
    private final SensorLabels labels;
    private final Map<String, Series> byLabel = new HashMap<>();
    /** Sensors with an open incident, each counted once in its label's gauge. */
    private final Set<String> open = new HashSet<>();

    private static final class Series {
        final Counter opened;
        volatile int openNow;

        Series(MetricGroup group) {
            opened = group.counter(ReconMetrics.INCIDENTS);
            group.gauge(ReconMetrics.INCIDENTS_OPEN, (Gauge<Integer>) () -> openNow);
        }
    }

    /** Registers incident metrics on {@code group}, at most {@code sensorLabelLimit} sensors by name. */
    public IncidentMetrics(MetricGroup group, int sensorLabelLimit) {
        this.group = group;
        this.labels = new SensorLabels(sensorLabelLimit);
    }

    private Series series(String model, String sensorId) {
        String label = labels.label(sensorId);
        Series s = byLabel.get(label);
        if (s == null) {
            s = new Series(group.addGroup(ReconMetrics.MODEL, model).addGroup(ReconMetrics.SENSOR, label));
            byLabel.put(label, s);
        }
        return s;
    }

    /** An incident of {@code sensorId} opened. */
    public void opened(String model, String sensorId) {
        Series s = series(model, sensorId);
        s.opened.inc();
        if (open.add(sensorId)) {
            s.openNow++;
        }
    }

    /** A window of {@code sensorId} arrived while its incident is open (counts it again after a restore). */
    public void stillOpen(String model, String sensorId) {
        if (!open.contains(sensorId)) {
            open.add(sensorId);
            series(model, sensorId).openNow++;
        }
    }

    /** The incident of {@code sensorId} closed. */
    public void closed(String model, String sensorId) {
        if (open.remove(sensorId)) {
            series(model, sensorId).openNow--;
        }
    }
}
