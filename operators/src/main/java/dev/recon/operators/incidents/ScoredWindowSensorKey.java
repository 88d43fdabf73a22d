package dev.recon.operators.incidents;

import dev.recon.operators.types.ScoredWindow;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys scored windows by sensor id. */
public final class ScoredWindowSensorKey implements KeySelector<ScoredWindow, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(ScoredWindow window) {
        return window.sensorId();
    }
}
