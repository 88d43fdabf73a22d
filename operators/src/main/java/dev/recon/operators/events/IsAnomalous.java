package dev.recon.operators.events;

import dev.recon.operators.types.ScoredWindow;
import org.apache.flink.api.common.functions.FilterFunction;

/** Keeps the scored windows whose score reached the model's threshold. */
public final class IsAnomalous implements FilterFunction<ScoredWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(ScoredWindow window) {
        return window.anomalous();
    }
}
