package dev.recon.operators.incidents;

import dev.recon.operators.metrics.IncidentMetrics;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.IncidentEvent;
import dev.recon.operators.types.ScoredWindow;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Merges a sensor's consecutive anomalous windows into one incident.
 *
 * <p>The first anomalous window opens an incident ({@code incident-open}); later anomalous windows
 * extend it and move its peak; it closes ({@code incident-closed}, with its whole extent and the
 * per-channel error of its worst window) once {@code quietPeriodMs} of event time has passed since
 * its last anomalous window: when a normal window that far on arrives, or when the watermark
 * passes that point. State (keyed, {@value #STATE}) exists only while an incident is open.
 */
public class IncidentTracker extends KeyedProcessFunction<String, ScoredWindow, IncidentEvent> {

    private static final long serialVersionUID = 1L;

    /** Keyed state of the open incident. Savepoint-compatible name: never change it. */
    public static final String STATE = "recon.open-incident";
    /** Default quiet period: ten minutes of event time. */
    public static final long DEFAULT_QUIET_PERIOD_MS = 10 * 60 * 1000L;

    private final long quietPeriodMs;
    private final int sensorLabelLimit;
    private transient ValueState<OpenIncident> open;
    private transient IncidentMetrics metrics;

    /** A tracker closing incidents after {@code quietPeriodMs} of event time without anomalies. */
    public IncidentTracker(long quietPeriodMs) {
        this(quietPeriodMs, ReconMetrics.DEFAULT_SENSOR_LABEL_LIMIT);
    }

    /**
     * As {@link #IncidentTracker(long)}, with metrics naming at most {@code sensorLabelLimit} sensors per
     * subtask (the rest are reported as {@code other}).
     */
    public IncidentTracker(long quietPeriodMs, int sensorLabelLimit) {
        if (quietPeriodMs < 0) {
            throw new IllegalArgumentException("quietPeriodMs must be >= 0, got " + quietPeriodMs);
        }
        if (sensorLabelLimit < 0) {
            throw new IllegalArgumentException("sensorLabelLimit must be >= 0, got " + sensorLabelLimit);
        }
        this.quietPeriodMs = quietPeriodMs;
        this.sensorLabelLimit = sensorLabelLimit;
    }

    @Override
    public void open(OpenContext openContext) {
        open = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, TypeInformation.of(OpenIncident.class)));
        metrics = new IncidentMetrics(getRuntimeContext().getMetricGroup(), sensorLabelLimit);
    }

    @Override
    public void processElement(ScoredWindow window, Context ctx, Collector<IncidentEvent> out) throws Exception {
        OpenIncident incident = open.value();
        String sensor = ctx.getCurrentKey();
        if (window.anomalous()) {
            if (incident == null) {
                incident = OpenIncident.startedBy(window);
                out.collect(incident.event(IncidentEvent.OPEN, sensor));
                metrics.opened(window.model(), sensor);
            } else {
                metrics.stillOpen(window.model(), sensor);
                ctx.timerService().deleteEventTimeTimer(incident.getEnd() + quietPeriodMs);
                incident.extendWith(window);
            }
            open.update(incident);
            ctx.timerService().registerEventTimeTimer(incident.getEnd() + quietPeriodMs);
        } else if (incident != null && window.windowEnd() >= incident.getEnd() + quietPeriodMs) {
            close(incident, sensor, ctx, out);
        } else if (incident != null) {
            metrics.stillOpen(window.model(), sensor);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentEvent> out) throws Exception {
        OpenIncident incident = open.value();
        if (incident != null && timestamp >= incident.getEnd() + quietPeriodMs) {
            close(incident, ctx.getCurrentKey(), ctx, out);
        }
    }

    private void close(OpenIncident incident, String sensor, Context ctx, Collector<IncidentEvent> out) {
        ctx.timerService().deleteEventTimeTimer(incident.getEnd() + quietPeriodMs);
        out.collect(incident.event(IncidentEvent.CLOSED, sensor));
        open.clear();
        metrics.closed(incident.getModel(), sensor);
    }
}
