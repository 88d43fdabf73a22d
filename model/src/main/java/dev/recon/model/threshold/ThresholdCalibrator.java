package dev.recon.model.threshold;

/** Chooses an alarm threshold from the reconstruction errors of normal (validation) windows. */
public interface ThresholdCalibrator {

    /**
     * Calibrates a threshold.
     *
     * @param errors reconstruction errors of windows believed normal; at least one, all finite
     * @param calibratedOn what the errors were measured on, recorded in the manifest
     */
    Threshold calibrate(double[] errors, String calibratedOn);
}
