package dev.recon.model.scoring;

import dev.recon.model.bundle.AlarmSpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;

/**
 * An alerting score for a stream of severities (score / threshold): the {@link SeverityOnset}
 * weighted by the {@link AnomalyLikelihood} of the same severity.
 *
 * <pre>{@code
 * score = onset * likelihood        // likelihood with a recent window of 1: the severity itself
 * }</pre>
 *
 * <p>The onset says the severity is new (above the threshold and the recent maximum), the
 * likelihood that it is unusual for this stream's long-term history; the product is high only
 * when both are, so a stream whose errors run high everywhere (drift, a model that fits it less
 * well) alarms less often than its severities alone would make it. On the NAB subset this is
 * what made one threshold work across files (docs/BENCHMARKS.md). The likelihood compares each
 * severity itself (recent window 1), not a mean of the last ten as the paper does: the onset
 * already picks the first window of an event, and a ten-score mean would still be low there.
 *
 * <p>With seasonal periods ({@link AlarmSpec#seasonalPeriods()}; none by default) the
 * onset's reference is also the stream's highest severity at the same time one period earlier
 * ({@link SeasonalMaxima}): an error as high as at this hour yesterday or last week recurs, so it is
 * not new. The windows must then be given with their time ({@link #update(double, long, long)}).
 *
 * <p>The product is at most 1 while a level lasts (the onset of a plateau is exactly 1) and above 1
 * only where the severity exceeds both the model's threshold and its recent maximum. What recon
 * reports and alarms on is {@link #anomalyScore()}, the product mapped into [0, 1] by
 * {@code 1 - exp(-x)} (monotone, so it ranks windows exactly as the product does): the
 * {@code anomaly_score} of {@code recon score} and of the job's alarm events, judged against a
 * bundle's {@link AlarmSpec#level()} (default 0.7, a product of 1.2). Not thread-safe; keep one per
 * stream. Serializable, for keyed state.
 */
public final class OnsetLikelihood implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Severities are capped here, so a threshold of 0 still gives a finite, huge severity. */
    public static final double MAX_SEVERITY = 1e12;

    /** The likelihood's default settings here: {@link AnomalyLikelihood.Settings#DEFAULT} with a recent window of 1. */
    public static final AnomalyLikelihood.Settings DEFAULT_LIKELIHOOD =
            AnomalyLikelihood.Settings.DEFAULT.withShortWindow(1);

    private final SeverityOnset onset;
    private final AnomalyLikelihood likelihood;
    /** {@code null} without seasonal periods. */
    private final SeasonalMaxima seasonal;
    private double lastOnset;
    private double lastLikelihood = 0.5;

    /** A score with the default likelihood; {@code lookBack} as for {@link SeverityOnset}. */
    public OnsetLikelihood(int lookBack) {
        this(lookBack, DEFAULT_LIKELIHOOD);
    }

    /** The score a bundle's alarm describes (its look-back, likelihood settings and seasonal periods). */
    public static OnsetLikelihood of(AlarmSpec alarm) {
        long[] periods = alarm.seasonalPeriodsMs();
        return new OnsetLikelihood(new SeverityOnset(alarm.lookBack()), new AnomalyLikelihood(
                new AnomalyLikelihood.Settings(alarm.likelihoodHorizon(), 1, alarm.likelihoodWarmUp(),
                        AnomalyLikelihood.Settings.DEFAULT_MIN_STD_DEV)),
                periods.length == 0 ? null : new SeasonalMaxima(periods));
    }

    /** A score with the given likelihood settings; {@code lookBack} as for {@link SeverityOnset}. */
    public OnsetLikelihood(int lookBack, AnomalyLikelihood.Settings likelihood) {
        this(new SeverityOnset(lookBack), new AnomalyLikelihood(likelihood), null);
    }

    private OnsetLikelihood(SeverityOnset onset, AnomalyLikelihood likelihood, SeasonalMaxima seasonal) {
        this.onset = onset;
        this.likelihood = likelihood;
        this.seasonal = seasonal;
    }

    /**
     * The severity this score takes for a window: {@code score / threshold}, not negative, capped at
     * {@link #MAX_SEVERITY} (a threshold of 0, from a constant training signal, makes any error
     * severe, not infinite); NaN for a NaN score or threshold.
     */
    public static double severity(double score, double threshold) {
        if (Double.isNaN(score) || Double.isNaN(threshold)) {
            return Double.NaN;
        }
        return Math.min(Math.max(0, score) / Math.max(threshold, Double.MIN_NORMAL), MAX_SEVERITY);
    }

    /**
     * Adds the next severity of a score without seasonal periods and returns its score.
     *
     * @param severity score / threshold, finite and not negative
     * @return onset times likelihood, not negative
     * @throws IllegalStateException if this score has seasonal periods (it needs the window's time)
     */
    public double update(double severity) {
        if (seasonal != null) {
            throw new IllegalStateException("a score with seasonal periods needs each window's time");
        }
        return update(severity, 0, 0); // without seasonal periods the time is not used
    }

    /**
     * Adds the severity of the window ending at {@code windowEndMs} that spans {@code windowDurationMs}
     * (its first to its last reading) and returns its score; without seasonal periods the time is
     * not used.
     *
     * @param severity score / threshold, finite and not negative
     * @return onset times likelihood, not negative
     */
    public double update(double severity, long windowEndMs, long windowDurationMs) {
        lastOnset = onset.update(severity);
        if (seasonal != null) {
            lastOnset = Math.min(lastOnset, severity / Math.max(1, seasonal.reference(windowEndMs)));
            seasonal.add(windowEndMs, windowDurationMs, severity);
        }
        lastLikelihood = likelihood.update(severity);
        return lastOnset * lastLikelihood;
    }

    /** The anomaly score of the last update: {@link #anomalyScore(double)} of onset x likelihood. */
    public double anomalyScore() {
        return anomalyScore(lastOnset * lastLikelihood);
    }

    /**
     * Onset x likelihood as an anomaly score: {@code 1 - exp(-x)}, in [0, 1]; 0.63 for a plateau's
     * onset (x = 1), 0.7 at x = 1.2.
     */
    public static double anomalyScore(double onsetTimesLikelihood) {
        return -Math.expm1(-onsetTimesLikelihood);
    }

    /** The onset of the last update. */
    public double onset() {
        return lastOnset;
    }

    /** The likelihood of the last update. */
    public double likelihood() {
        return lastLikelihood;
    }

    /** Severities seen so far. */
    public long count() {
        return onset.count();
    }

    /** Whether this score's seasonal periods are {@code periodsMs}, in order (empty: it has none); copies nothing. */
    public boolean hasSeasonalPeriods(long[] periodsMs) {
        return seasonal == null ? periodsMs.length == 0 : seasonal.hasPeriods(periodsMs);
    }

    /** The seasonal periods in milliseconds; empty for none. */
    public long[] seasonalPeriodsMs() {
        return seasonal == null ? new long[0] : seasonal.periodsMs();
    }

    /** Writes the whole state (for keyed state in a streaming job) for {@link #readFrom}. */
    public void writeTo(DataOutput out) throws IOException {
        writeTo(out, true);
    }

    /**
     * Writes the state in the form {@link #readFrom(DataInput, boolean)} reads with the same
     * {@code withSeasonal}; without it, as recon wrote it before seasonal periods (dropping the
     * seasonal maxima, for a reader of that form).
     */
    public void writeTo(DataOutput out, boolean withSeasonal) throws IOException {
        onset.writeTo(out);
        likelihood.writeTo(out);
        out.writeDouble(lastOnset);
        out.writeDouble(lastLikelihood);
        if (withSeasonal) {
            out.writeBoolean(seasonal != null);
            if (seasonal != null) {
                seasonal.writeTo(out);
            }
        }
    }

    /** Reads a score written by {@link #writeTo}; it continues exactly where the written one was. */
    public static OnsetLikelihood readFrom(DataInput in) throws IOException {
        return readFrom(in, true);
    }

    /**
     * Reads a score written by {@link #writeTo} ({@code withSeasonal}) or by recon before seasonal
     * periods existed, whose form ends after the last likelihood (such a score has none).
     */
    public static OnsetLikelihood readFrom(DataInput in, boolean withSeasonal) throws IOException {
        SeverityOnset onset = SeverityOnset.readFrom(in);
        AnomalyLikelihood likelihood = AnomalyLikelihood.readFrom(in);
        double lastOnset = in.readDouble();
        double lastLikelihood = in.readDouble();
        SeasonalMaxima seasonal = withSeasonal && in.readBoolean() ? SeasonalMaxima.readFrom(in) : null;
        OnsetLikelihood score = new OnsetLikelihood(onset, likelihood, seasonal);
        score.lastOnset = lastOnset;
        score.lastLikelihood = lastLikelihood;
        return score;
    }
}
