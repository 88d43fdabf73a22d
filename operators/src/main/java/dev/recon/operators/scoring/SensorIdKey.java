package dev.recon.operators.scoring;

import dev.recon.operators.types.SensorReading;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys readings by sensor id: all per-sensor state (the window) lives under this key. */
public final class SensorIdKey implements KeySelector<SensorReading, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(SensorReading reading) {
        return reading.sensorId();
    }
}
