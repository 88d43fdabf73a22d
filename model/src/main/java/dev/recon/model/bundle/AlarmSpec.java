package dev.recon.model.bundle;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * How a time-series model's windows become alarms: the {@code onset-likelihood} rule over each
 * stream's severities (score / threshold), turned into an {@code anomaly_score} in [0, 1], and the
 * level at which that score is an alarm. {@code recon score} and the streaming job both read it from
 * the bundle, so a user who changes nothing gets the same alarms offline and in the job.
 *
 * @param rule the alarm rule; {@value #ONSET_LIKELIHOOD} is the only one
 * @param level alarm when the anomaly score reaches this, in (0, 1)
 * @param lookBack windows a severity must exceed to be new: the windows one reading stays in
 *     ({@code windowLength / stride})
 * @param likelihoodHorizon time constant, in windows, of each stream's long-term distribution of severities
 * @param likelihoodWarmUp windows of a stream before its likelihood leaves 0.5
 * @param chosenOn where {@code level} and the rule's settings were chosen, for the reader of the manifest
 */
public record AlarmSpec(String rule, double level, int lookBack, int likelihoodHorizon, int likelihoodWarmUp,
        String chosenOn) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The rule: the onset of a severity times its anomaly likelihood, as an anomaly score in [0, 1]. */
    public static final String ONSET_LIKELIHOOD = "onset-likelihood";

    /**
     * Default level: anomaly score 0.7, onset x likelihood 1.2, where one level swept over the 18 NAB
     * files of {@code data/nab} scored best for every model window tried (1.15 to 1.28).
     */
    public static final double DEFAULT_LEVEL = 0.7;
    /** Default likelihood time constant, in windows. */
    public static final int DEFAULT_HORIZON = 3000;
    /** Default likelihood warm-up, in windows. */
    public static final int DEFAULT_WARM_UP = 100;
    /** What the defaults were chosen on. */
    public static final String DEFAULTS_CHOSEN_ON =
            "recon defaults, chosen on the 18 NAB files of data/nab (one level for every file; docs/BENCHMARKS.md)";

    /** Checks every field, naming it and its value. */
    public AlarmSpec {
        Objects.requireNonNull(rule, "alarm.rule");
        if (!ONSET_LIKELIHOOD.equals(rule)) {
            throw new IllegalArgumentException("alarm.rule must be '" + ONSET_LIKELIHOOD + "', got '" + rule + "'");
        }
        requireLevel(level, "alarm.level");
        if (lookBack < 1) {
            throw new IllegalArgumentException("alarm.lookBack must be >= 1 windows, got " + lookBack);
        }
        if (likelihoodHorizon < 2) {
            throw new IllegalArgumentException("alarm.likelihoodHorizon must be >= 2 windows, got " + likelihoodHorizon);
        }
        if (likelihoodWarmUp < 1) {
            throw new IllegalArgumentException("alarm.likelihoodWarmUp must be >= 1 windows, got " + likelihoodWarmUp);
        }
    }

    /** The default alarm of a model whose windows are {@code windowLength} readings apart by {@code stride}. */
    public static AlarmSpec defaults(int windowLength, int stride) {
        return new AlarmSpec(ONSET_LIKELIHOOD, DEFAULT_LEVEL, lookBackOf(windowLength, stride), DEFAULT_HORIZON,
                DEFAULT_WARM_UP, DEFAULTS_CHOSEN_ON);
    }

    /** The windows one reading stays in: {@code ceil(windowLength / stride)}, at least 1. */
    public static int lookBackOf(int windowLength, int stride) {
        return Math.max(1, (windowLength + stride - 1) / stride);
    }

    /** Checks that {@code level} is an anomaly score level in (0, 1), naming {@code key} otherwise. */
    public static void requireLevel(double level, String key) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException(key + " must be an anomaly score in (0, 1), got " + level
                    + (level >= 1 && Double.isFinite(level) ? " (levels of onset x likelihood, such as 1.2, are now"
                            + " anomaly scores: 1 - exp(-" + level + ") = "
                            + String.format(java.util.Locale.ROOT, "%.3f", 1 - Math.exp(-level)) + ")" : ""));
        }
    }

    /** This alarm with another level. */
    public AlarmSpec withLevel(double newLevel, String newChosenOn) {
        return new AlarmSpec(rule, newLevel, lookBack, likelihoodHorizon, likelihoodWarmUp, newChosenOn);
    }
}
