package dev.recon.operators.alarm;

/** How the time-series job decides that a scored window is an anomaly ({@code alarm.mode}). */
public enum AlarmMode {
    /** A window whose score reaches the model's threshold is an anomaly. */
    THRESHOLD,
    /**
     * A window is an anomaly when the onset of its severity times the severity's anomaly likelihood
     * for its sensor, as an anomaly score in [0, 1], reaches the model's alarm level
     * ({@link OnsetLikelihoodAlarm}): the first window of an unusual episode alarms, the rest of the
     * episode and a sensor whose errors run high everywhere do not. The default.
     */
    ONSET_LIKELIHOOD
}
