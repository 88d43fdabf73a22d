package dev.recon.operators.alarm;

import dev.recon.model.scoring.StreamAlarm;
import java.util.Objects;

/**
 * One sensor's alarm state: the {@link StreamAlarm} of its severities under one model version.
 * A new version (hot swap) starts a new state: its severities have a distribution of their own.
 */
public final class SensorAlarm {

    private final String model;
    private final String modelVersion;
    private final StreamAlarm alarm;

    /** The state of {@code model}'s {@code modelVersion}; {@code alarm} is kept and updated in place. */
    public SensorAlarm(String model, String modelVersion, StreamAlarm alarm) {
        this.model = Objects.requireNonNull(model, "model");
        this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
        this.alarm = Objects.requireNonNull(alarm, "alarm");
    }

    /** Whether this state belongs to the model version that scored a window. */
    public boolean judges(String windowModel, String windowModelVersion) {
        return model.equals(windowModel) && modelVersion.equals(windowModelVersion);
    }

    /** The model's name. */
    public String model() {
        return model;
    }

    /** The model's version. */
    public String modelVersion() {
        return modelVersion;
    }

    /** The running alarm (mutable). */
    public StreamAlarm alarm() {
        return alarm;
    }
}
