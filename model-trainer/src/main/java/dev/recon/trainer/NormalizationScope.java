package dev.recon.trainer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Whether a model fitted on several sensors' series z-scores them with pooled or with per-sensor statistics. */
public enum NormalizationScope {
    /**
     * One mean and std per channel, fitted on every series' training rows together: the model learns
     * each sensor's level, so a sensor running at another level than in training scores high.
     */
    SHARED,
    /**
     * Each series z-scored with its own training rows' statistics, stored in the bundle by sensor id:
     * the model learns the shape of normal behaviour whatever a sensor's level and spread.
     */
    PER_SENSOR;

    /** How the scope is written in options: lower case with dashes ({@code per-sensor}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The scope written {@code text} ({@code shared} or {@code per-sensor}, any case).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static NormalizationScope parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (NormalizationScope scope : values()) {
            if (scope.configName().equals(wanted)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown normalization '" + text + "', expected one of "
                + Arrays.stream(values()).map(NormalizationScope::configName).collect(Collectors.joining(", ")));
    }
}
