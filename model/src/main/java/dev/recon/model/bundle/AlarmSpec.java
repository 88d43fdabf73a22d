package dev.recon.model.bundle;

import java.io.Serial;
import java.io.Serializable;
import dev.recon.model.scoring.AnomalyLikelihood;
import java.util.Locale;
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
 * @param rearmAfter windows after an alarm before the stream can alarm again (0: at once): one incident
 *     pages once, not once per window of its ramp; an alarm section written without it reads as 0
 * @param chosenOn where {@code level} and the rule's settings were chosen, for the reader of the manifest
 */
public record AlarmSpec(String rule, double level, int lookBack, int likelihoodHorizon, int likelihoodWarmUp,
        int rearmAfter, String chosenOn) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The rule: the onset of a severity times its anomaly likelihood, as an anomaly score in [0, 1]. */
    public static final String ONSET_LIKELIHOOD = "onset-likelihood";

    /**
     * Default level: anomaly score 0.7, onset x likelihood 1.2, where one level swept over the 18 NAB
     * files of {@code data/nab} scored best for every model window tried (1.15 to 1.28).
     */
    public static final double DEFAULT_LEVEL = 0.7;
    /** Default likelihood time constant, in windows: the likelihood's own default. */
    public static final int DEFAULT_HORIZON = AnomalyLikelihood.Settings.DEFAULT_HORIZON;
    /** Default likelihood warm-up, in windows: the likelihood's own default. */
    public static final int DEFAULT_WARM_UP = AnomalyLikelihood.Settings.DEFAULT_WARM_UP;
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
        if (rearmAfter < 0) {
            throw new IllegalArgumentException("alarm.rearmAfter must be >= 0 windows, got " + rearmAfter);
        }
    }

    /**
     * The default alarm of a model whose windows are {@code windowLength} readings apart by {@code stride}:
     * re-armed after its look-back, the windows one reading stays in. On the 18 NAB files
     * ({@code bin/bench}) that took recon's defaults from a mean of 47.1 to 53.1 over three seeds (half
     * and one and a half look-backs did no better).
     */
    public static AlarmSpec defaults(int windowLength, int stride) {
        int lookBack = lookBackOf(windowLength, stride);
        return new AlarmSpec(ONSET_LIKELIHOOD, DEFAULT_LEVEL, lookBack, DEFAULT_HORIZON, DEFAULT_WARM_UP, lookBack,
                DEFAULTS_CHOSEN_ON);
    }

    /** The windows one reading stays in: {@code ceil(windowLength / stride)}, at least 1. */
    public static int lookBackOf(int windowLength, int stride) {
        return Math.max(1, (windowLength + stride - 1) / stride);
    }

    /** Whether {@code level} is an anomaly score level, in (0, 1). */
    public static boolean isLevel(double level) {
        return level > 0 && level < 1;
    }

    /** Checks that {@code level} is an anomaly score level in (0, 1), naming {@code key} otherwise. */
    public static void requireLevel(double level, String key) {
        if (!isLevel(level)) {
            throw new IllegalArgumentException(key + " must be an anomaly score in (0, 1), got " + level
                    + oldScaleHint(level));
        }
    }

    /**
     * For a level of the earlier onset x likelihood scale (above 1), the anomaly score it meant, in
     * brackets; empty otherwise.
     */
    public static String oldScaleHint(double level) {
        if (!(level >= 1) || !Double.isFinite(level)) {
            return "";
        }
        return String.format(Locale.ROOT, " (levels of onset x likelihood, such as 1.2, are now anomaly scores:"
                + " 1 - exp(-%s) = %.3f)", level, 1 - Math.exp(-level));
    }
}
