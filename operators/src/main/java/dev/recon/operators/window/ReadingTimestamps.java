package dev.recon.operators.window;

import dev.recon.operators.types.SensorReading;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/** Event time of a reading: its {@code ts}. */
public final class ReadingTimestamps implements SerializableTimestampAssigner<SensorReading> {

    private static final long serialVersionUID = 1L;

    @Override
    public long extractTimestamp(SensorReading reading, long recordTimestamp) {
        return reading.ts();
    }
}
