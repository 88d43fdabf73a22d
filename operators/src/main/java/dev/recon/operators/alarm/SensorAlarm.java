package dev.recon.operators.alarm;

import dev.recon.model.scoring.OnsetLikelihood;
import java.util.Objects;

/**
 * One sensor's alarm state: the onset x likelihood of its severities under one model version.
 * A new version (hot swap) starts a new state: its severities have a distribution of their own.
 */
public final class SensorAlarm {

    private final String model;
    private final String modelVersion;
    private final OnsetLikelihood score;

    /** The state of {@code model}'s {@code modelVersion}; {@code score} is kept and updated in place. */
    public SensorAlarm(String model, String modelVersion, OnsetLikelihood score) {
        this.model = Objects.requireNonNull(model, "model");
        this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
        this.score = Objects.requireNonNull(score, "score");
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

    /** The running score (mutable). */
    public OnsetLikelihood score() {
        return score;
    }
}
