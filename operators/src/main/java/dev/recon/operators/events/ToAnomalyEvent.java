package dev.recon.operators.events;

import dev.recon.operators.types.AnomalyEvent;
import dev.recon.operators.types.ScoredWindow;
import org.apache.flink.api.common.functions.MapFunction;

/** Turns a scored window into the anomaly event published for it (see {@link AnomalyEvent#of}). */
public final class ToAnomalyEvent implements MapFunction<ScoredWindow, AnomalyEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public AnomalyEvent map(ScoredWindow window) {
        return AnomalyEvent.of(window);
    }
}
