package dev.recon.operators.alarm;

/** How the time-series job decides that a scored window is an anomaly ({@code alarm.mode}). */
public enum AlarmMode {
    /** A window whose score reaches the model's threshold is an anomaly (the default). */
    THRESHOLD,
    /**
     * A window is an anomaly when the onset of its severity times the severity's anomaly likelihood
     * for its sensor reaches a level ({@link OnsetLikelihoodAlarm}): the first window of an unusual
     * episode alarms, the rest of the episode and a sensor whose errors run high everywhere do not.
     */
    ONSET_LIKELIHOOD
}
