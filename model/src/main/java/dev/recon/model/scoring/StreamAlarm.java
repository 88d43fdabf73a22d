package dev.recon.model.scoring;

import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.bundle.NoveltySpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;

/**
 * One stream's alarm under an {@link AlarmSpec}: its {@link OnsetLikelihood}, judged at the spec's
 * level, and silent for the spec's {@code rearmAfter} windows after each alarm. {@code recon score}
 * and the streaming job both judge windows through this class, so they alarm on the same windows.
 *
 * <p>The re-arm period is why one incident pages once: the onset only asks a severity to exceed
 * the last look-back's maximum, so a ramp that keeps climbing (or a second peak of the same event)
 * would otherwise alarm on window after window. While the alarm is silent its anomaly score is
 * reported as 0 (it is what pages, and nothing pages then); the likelihood and the onset go on
 * learning from every window.
 *
 * <p>With a novelty ({@link AlarmSpec#novelty()}, which {@code recon train} fits) the anomaly score is
 * the higher of that score and the {@link ValueNovelty} of the window's newest readings (1 when one of
 * them takes a value the stream has never been near). A new value's page silences the onset for the
 * re-arm period too (the error rises as the window fills with the new value: the same incident); an
 * onset's page does not silence new values, which rest only after their own pages. Not thread-safe;
 * keep one per stream. Serializable, for keyed state.
 */
public final class StreamAlarm implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final OnsetLikelihood score;
    private int silentFor;
    private double lastAnomalyScore;
    /** {@code null} without a novelty. */
    private ValueNovelty novelty;
    /** Whether the last update's score came from a new value (for its report, so not state). */
    private transient boolean lastWasNewValue;

    /** A fresh alarm with the score (and the novelty) {@code spec} describes. */
    public static StreamAlarm of(AlarmSpec spec) {
        StreamAlarm alarm = new StreamAlarm(OnsetLikelihood.of(spec), 0);
        alarm.novelty = spec.novelty() == null ? null : ValueNovelty.of(spec.novelty());
        return alarm;
    }

    /** An alarm over {@code score}, silent for the next {@code silentFor} windows. */
    public StreamAlarm(OnsetLikelihood score, int silentFor) {
        if (silentFor < 0) {
            throw new IllegalArgumentException("silentFor must be >= 0 windows, got " + silentFor);
        }
        this.score = score;
        this.silentFor = silentFor;
    }

    /**
     * Adds the next window's severity ({@link OnsetLikelihood#severity}) and says whether it alarms:
     * its anomaly score reaches {@code spec.level()} and no alarm of the last {@code spec.rearmAfter()}
     * windows silences it.
     *
     * @param spec the level and re-arm period (the same spec on every call of a stream)
     */
    public boolean update(double severity, AlarmSpec spec) {
        requireNoNovelty();
        score.update(severity);
        return judge(spec);
    }

    /**
     * Adds the severity of the window ending at {@code windowEndMs} that spans {@code windowDurationMs}
     * (needed when the spec has seasonal periods) and says whether it alarms, as
     * {@link #update(double, AlarmSpec)}.
     */
    public boolean update(double severity, long windowEndMs, long windowDurationMs, AlarmSpec spec) {
        requireNoNovelty();
        score.update(severity, windowEndMs, windowDurationMs);
        return judge(spec);
    }

    /**
     * Adds a window as {@link #update(double, long, long, AlarmSpec)} and, with a novelty, its newest
     * {@code newSteps} readings ({@code values} step-major, in the data's units, as the window holds
     * them: the readings it adds to the previous window's); says whether it alarms on either.
     */
    public boolean update(double severity, long windowEndMs, long windowDurationMs, double[] values, int newSteps,
            AlarmSpec spec) {
        score.update(severity, windowEndMs, windowDurationMs);
        boolean alarm = judge(spec);
        if (novelty != null) {
            double novel = novelty.update(values, newSteps);
            if (novel > lastAnomalyScore) {
                lastAnomalyScore = novel;
                lastWasNewValue = true;
            }
            if (novel >= spec.level()) {
                // the error's onset as the window fills with the new value is the same incident
                silentFor = Math.max(silentFor, spec.rearmAfter());
                alarm = true;
            }
        }
        return alarm;
    }

    private void requireNoNovelty() {
        if (novelty != null) {
            throw new IllegalStateException("this alarm has a novelty: pass the window's newest readings");
        }
    }

    private boolean judge(AlarmSpec spec) {
        lastWasNewValue = false;
        if (silentFor > 0) {
            silentFor--;
            lastAnomalyScore = 0;
            return false;
        }
        lastAnomalyScore = score.anomalyScore();
        if (lastAnomalyScore >= spec.level()) {
            silentFor = spec.rearmAfter();
            return true;
        }
        return false;
    }

    /** The anomaly score of the last update, in [0, 1]; 0 while silent after an alarm (unless a new value pages). */
    public double anomalyScore() {
        return lastAnomalyScore;
    }

    /** Windows this alarm stays silent for (0: armed). */
    public int silentFor() {
        return silentFor;
    }

    /** The onset x likelihood score underneath (its onset and likelihood of the last update). */
    public OnsetLikelihood score() {
        return score;
    }

    /** Whether the last update's anomaly score came from a never-seen value rather than the error's onset. */
    public boolean lastWasNewValue() {
        return lastWasNewValue;
    }

    /**
     * Takes over {@code earlier}'s novelty (the values its stream has shown, and its rest) where both
     * remember values alike ({@link ValueNovelty#follows}): the values a sensor has shown are facts
     * about the sensor, not about the model that scores it, so a new model version (whose errors
     * start a fresh onset and likelihood) does not page again on the values the old one saw.
     */
    public void continueNoveltyOf(StreamAlarm earlier) {
        if (novelty != null && earlier.novelty != null && earlier.novelty.follows(novelty.spec())) {
            novelty = earlier.novelty;
        }
    }

    /** The novelty of the newest readings; {@code null} without one. */
    public ValueNovelty novelty() {
        return novelty;
    }

    /**
     * Whether this alarm's score has {@code spec}'s seasonal periods and novelty, so that it can go on
     * under it.
     */
    public boolean follows(AlarmSpec spec) {
        return follows(spec.seasonalPeriodsMs(), spec.novelty());
    }

    /**
     * {@link #follows(AlarmSpec)} with the spec's periods already in milliseconds
     * ({@link AlarmSpec#seasonalPeriodsMs()}), for a caller that asks once per window: nothing is
     * parsed or copied.
     */
    public boolean follows(long[] seasonalPeriodsMs, NoveltySpec noveltySpec) {
        boolean sameNovelty = noveltySpec == null ? novelty == null : novelty != null && novelty.follows(noveltySpec);
        return sameNovelty && score.hasSeasonalPeriods(seasonalPeriodsMs);
    }

    /** Writes the whole state (for keyed state in a streaming job) for {@link #readFrom}. */
    public void writeTo(DataOutput out) throws IOException {
        writeTo(out, true, true);
    }

    /**
     * Writes the state in the form {@link #readFrom(DataInput, boolean, boolean)} reads with the same
     * flags: an older form leaves out the seasonal maxima, or the novelty.
     */
    public void writeTo(DataOutput out, boolean withSeasonal, boolean withNovelty) throws IOException {
        score.writeTo(out, withSeasonal);
        out.writeInt(silentFor);
        out.writeDouble(lastAnomalyScore);
        if (withNovelty) {
            out.writeBoolean(novelty != null);
            if (novelty != null) {
                novelty.writeTo(out);
            }
        }
    }

    /** Reads an alarm written by {@link #writeTo}; it continues exactly where the written one was. */
    public static StreamAlarm readFrom(DataInput in) throws IOException {
        return readFrom(in, true, true);
    }

    /**
     * Reads an alarm written by {@link #writeTo} with the same flags, such as by recon before seasonal
     * periods ({@link OnsetLikelihood#readFrom(DataInput, boolean)}) or novelty existed: such an alarm
     * has no novelty.
     */
    public static StreamAlarm readFrom(DataInput in, boolean withSeasonal, boolean withNovelty) throws IOException {
        OnsetLikelihood score = OnsetLikelihood.readFrom(in, withSeasonal);
        StreamAlarm alarm = new StreamAlarm(score, in.readInt());
        alarm.lastAnomalyScore = in.readDouble();
        if (withNovelty && in.readBoolean()) {
            alarm.novelty = ValueNovelty.readFrom(in);
        }
        return alarm;
    }
}
