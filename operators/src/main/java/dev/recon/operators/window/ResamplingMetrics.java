package dev.recon.operators.window;

import dev.recon.model.window.GridSink;
import dev.recon.operators.metrics.EventCounter;
import dev.recon.operators.metrics.ReconMetrics;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * Counts what resampling did in one windowing subtask ({@code window.mode=time}): grid points by
 * where their value came from ({@link ReconMetrics#GRID_POINTS}, label {@link ReconMetrics#ORIGIN}),
 * and gaps that broke a window ({@link ReconMetrics#WINDOW_BREAKS}), each also as an accumulator. A
 * rising share of filled or interpolated points, or of breaks, says sensors report less often than
 * the grid assumes.
 */
public final class ResamplingMetrics {

    private final Map<GridSink.Origin, EventCounter> points;
    private final EventCounter breaks;

    private ResamplingMetrics(Map<GridSink.Origin, EventCounter> points, EventCounter breaks) {
        this.points = points;
        this.breaks = breaks;
    }

    /** Registers the counters (every origin, present from the start at 0) and the accumulators. */
    public static ResamplingMetrics register(RuntimeContext context) {
        Map<GridSink.Origin, EventCounter> points = new EnumMap<>(GridSink.Origin.class);
        for (GridSink.Origin origin : GridSink.Origin.values()) {
            String accumulator = switch (origin) {
                case READING -> ReconMetrics.GRID_POINTS_READ_ACCUMULATOR;
                case FILLED -> ReconMetrics.GRID_POINTS_FILLED_ACCUMULATOR;
                case INTERPOLATED -> ReconMetrics.GRID_POINTS_INTERPOLATED_ACCUMULATOR;
            };
            points.put(origin, EventCounter.register(context,
                    context.getMetricGroup().addGroup(ReconMetrics.ORIGIN, label(origin)), ReconMetrics.GRID_POINTS,
                    accumulator));
        }
        return new ResamplingMetrics(points,
                EventCounter.register(context, ReconMetrics.WINDOW_BREAKS, ReconMetrics.WINDOW_BREAKS_ACCUMULATOR));
    }

    /** The label value of an origin: {@code reading}, {@code filled} or {@code interpolated}. */
    public static String label(GridSink.Origin origin) {
        return origin.name().toLowerCase(Locale.ROOT);
    }

    /** Counts one grid point. */
    public void point(GridSink.Origin origin) {
        points.get(origin).inc();
    }

    /** Counts one window break. */
    public void windowBreak() {
        breaks.inc();
    }

    /** This subtask's count of points of one origin. */
    public long points(GridSink.Origin origin) {
        return points.get(origin).count();
    }

    /** This subtask's count of window breaks. */
    public long breaks() {
        return breaks.count();
    }
}
