package dev.recon.model.bundle;

import dev.recon.model.scoring.AnomalyLikelihood;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
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
 * @param seasonalPeriods ISO-8601 durations ({@code P1D}, {@code P7D}): a severity must also exceed the
 *     stream's severities at the same time one such period earlier to be an onset
 *     ({@link dev.recon.model.scoring.SeasonalMaxima}); empty for none, as an alarm section written
 *     without it reads
 * @param novelty never-seen values page too ({@link NoveltySpec}, fitted on the training part by
 *     {@code recon train}); {@code null} for none, as an alarm section written without it reads
 * @param chosenOn where {@code level} and the rule's settings were chosen, for the reader of the manifest
 */
public record AlarmSpec(String rule, double level, int lookBack, int likelihoodHorizon, int likelihoodWarmUp,
        int rearmAfter, List<String> seasonalPeriods, NoveltySpec novelty, String chosenOn) implements Serializable {

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
        seasonalPeriods = seasonalPeriods == null ? List.of() : List.copyOf(seasonalPeriods);
        for (String period : seasonalPeriods) {
            periodMillis(period, "alarm.seasonalPeriods");
        }
    }

    /** The seasonal periods in milliseconds, in order; empty for none. */
    public long[] seasonalPeriodsMs() {
        return seasonalPeriods.stream().mapToLong(p -> periodMillis(p, "alarm.seasonalPeriods")).toArray();
    }

    /** This alarm with other seasonal periods (ISO-8601 durations; empty for none). */
    public AlarmSpec withSeasonalPeriods(List<String> periods) {
        return new AlarmSpec(rule, level, lookBack, likelihoodHorizon, likelihoodWarmUp, rearmAfter, periods,
                novelty, chosenOn);
    }

    /** This alarm with another novelty ({@code null} for none). */
    public AlarmSpec withNovelty(NoveltySpec newNovelty) {
        return new AlarmSpec(rule, level, lookBack, likelihoodHorizon, likelihoodWarmUp, rearmAfter,
                seasonalPeriods, newNovelty, chosenOn);
    }

    /**
     * Seasonal periods as a user writes them: {@code none}, or comma-separated ISO-8601 durations
     * ({@code P1D,P7D}), each checked ({@link #periodMillis}) and upper-cased; {@code key} names the
     * setting in errors.
     */
    public static List<String> parseSeasonalPeriods(String text, String key) {
        if (text.trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<String> periods = new ArrayList<>();
        for (String part : text.split(",")) {
            String period = part.trim().toUpperCase(Locale.ROOT);
            periodMillis(period, key + " (none, or periods such as P1D,P7D)");
            periods.add(period);
        }
        return List.copyOf(periods);
    }

    /**
     * A seasonal period in milliseconds: an ISO-8601 duration ({@code P1D}, {@code PT12H}) of at least
     * one second, naming {@code key} and the value otherwise.
     */
    public static long periodMillis(String period, String key) {
        Duration duration;
        try {
            duration = Duration.parse(Objects.requireNonNull(period, key).trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must hold ISO-8601 durations such as P1D or PT12H, got '"
                    + period + "'");
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(key + " must hold periods of at least 1 second, got '" + period + "'");
        }
        return duration.toMillis();
    }

    /**
     * The default alarm of a model whose windows are {@code windowLength} readings apart by {@code stride}:
     * re-armed after its look-back, the windows one reading stays in. On the 18 NAB files
     * ({@code bin/bench}) that took recon's defaults from a mean of 47.1 to 53.1 over three seeds (half
     * and one and a half look-backs did no better). No seasonal periods: a day and a week
     * ({@code P1D}, {@code P7D}) scored 64.3 against 61.8 there but 85.0 against 85.9 on the held-out
     * synthetic series (means of three seeds, {@code bin/bench}, with the novelty), so they are for
     * streams known to have such cycles. No novelty either: it needs the training part, so
     * {@code recon train} adds it ({@link #withNovelty}, {@link NoveltySpec#fit}).
     */
    public static AlarmSpec defaults(int windowLength, int stride) {
        int lookBack = lookBackOf(windowLength, stride);
        return new AlarmSpec(ONSET_LIKELIHOOD, DEFAULT_LEVEL, lookBack, DEFAULT_HORIZON, DEFAULT_WARM_UP, lookBack,
                List.of(), null, DEFAULTS_CHOSEN_ON);
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
