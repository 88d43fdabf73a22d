package dev.recon.model.scoring;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The anomaly likelihood of a stream of anomaly scores (Ahmad, Lavin, Purdy, Agha, "Unsupervised
 * real-time anomaly detection for streaming data", Neurocomputing 2017): how unusual the recent
 * scores are for this stream, as a probability, so that one alarm level means the same on every
 * stream whatever the scale and spread of its raw scores.
 *
 * <p>Per score: the long-term distribution of the scores is updated, then the mean of the last
 * {@code shortWindow} scores is compared with it,
 * <pre>{@code
 * z = (recentMean - mean) / max(stdDev, minStdDev)
 * likelihood = 1 - Q(z)          Q = the standard normal upper tail
 * }</pre>
 * so a stream's usual level gives about 0.5, a rise well above it gives nearly 1, and as a new level
 * persists it becomes the norm and the likelihood decays back.
 *
 * <p>The paper keeps the last {@code W} scores; here the mean and variance are exponentially
 * weighted with a time constant of {@code horizon} scores (the plain running mean and variance
 * until that many have been seen), which behaves the same for slowly changing streams, needs
 * {@code O(shortWindow)} memory instead of {@code O(W)}, and never subtracts large sums (a huge
 * score leaving a window would otherwise cancel the precision of the variance). Each update costs
 * {@code O(shortWindow)}, a constant.
 *
 * <p>Until {@code warmUp} scores have been seen the likelihood is 0.5 (nothing is known yet).
 * {@link #tailProbability()} and {@link #logLikelihood()} keep resolution where {@code 1 - Q}
 * rounds to 1. Not thread-safe; keep one per stream (per sensor). Serializable, so a streaming
 * operator can keep it as keyed state.
 *
 * <pre>{@code
 * AnomalyLikelihood likelihood = new AnomalyLikelihood(AnomalyLikelihood.Settings.DEFAULT);
 * double l = likelihood.update(score / threshold);   // in [0, 1]
 * }</pre>
 */
public final class AnomalyLikelihood implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * How the long-term distribution and the recent mean are formed.
     *
     * @param horizon time constant of the long-term mean and variance, in scores (the paper's {@code W})
     * @param shortWindow scores averaged into the recent mean (the paper's {@code W'}); 1 compares each score itself
     * @param warmUp scores seen before the likelihood leaves 0.5
     * @param minStdDev floor of the standard deviation, in the scores' units, so that a constant stream
     *     does not make the smallest change infinitely unlikely
     */
    public record Settings(int horizon, int shortWindow, int warmUp, double minStdDev) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        /** Default long-term time constant: a few thousand scores, as NAB's runs use the whole file. */
        public static final int DEFAULT_HORIZON = 3000;
        /** Default recent window: the paper's 10 scores. */
        public static final int DEFAULT_SHORT_WINDOW = 10;
        /** Default warm-up. */
        public static final int DEFAULT_WARM_UP = 100;
        /** Default standard-deviation floor: 0.1% of the threshold when the scores are severities. */
        public static final double DEFAULT_MIN_STD_DEV = 1e-3;

        /** The defaults, for severities (score / threshold). */
        public static final Settings DEFAULT =
                new Settings(DEFAULT_HORIZON, DEFAULT_SHORT_WINDOW, DEFAULT_WARM_UP, DEFAULT_MIN_STD_DEV);

        /** Validates every field, naming it and its value. */
        public Settings {
            if (horizon < 2) {
                throw new IllegalArgumentException("invalid horizon: " + horizon + " (expected >= 2 scores)");
            }
            if (shortWindow < 1 || shortWindow > horizon) {
                throw new IllegalArgumentException("invalid shortWindow: " + shortWindow
                        + " (expected 1 to horizon = " + horizon + " scores)");
            }
            if (warmUp < shortWindow) {
                throw new IllegalArgumentException("invalid warmUp: " + warmUp + " (expected >= shortWindow = "
                        + shortWindow + ", so that the recent mean is full when the likelihood starts)");
            }
            if (!(minStdDev > 0) || !Double.isFinite(minStdDev)) {
                throw new IllegalArgumentException("invalid minStdDev: " + minStdDev + " (expected a finite value > 0)");
            }
        }

        /** These settings with another recent window. */
        public Settings withShortWindow(int newShortWindow) {
            return new Settings(horizon, newShortWindow, warmUp, minStdDev);
        }
    }

    /** {@link #logLikelihood()} is 1 from this tail probability down (NAB's HTM detector uses the same). */
    public static final double LOG_LIKELIHOOD_FLOOR = 1e-10;

    private final Settings settings;
    private final double[] recent;
    private long count;
    private double mean;
    private double variance;
    private double tail = 0.5;

    /** A likelihood that has seen no score yet. */
    public AnomalyLikelihood(Settings settings) {
        if (settings == null) {
            throw new NullPointerException("settings");
        }
        this.settings = settings;
        this.recent = new double[settings.shortWindow()];
    }

    /**
     * Adds the next score and returns the likelihood that the stream is now anomalous.
     *
     * @param score the next raw anomaly score (for recon, the severity: score / threshold)
     * @return {@code 1 - Q(z)} in [0, 1]; 0.5 during the warm-up
     */
    public double update(double score) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, got " + score);
        }
        recent[(int) (count % recent.length)] = score;
        count++;
        // alpha = 1/n is the running mean and (population) variance; 1/horizon forgets exponentially
        double alpha = Math.max(1.0 / count, 1.0 / settings.horizon());
        double delta = score - mean;
        mean += alpha * delta;
        variance = (1 - alpha) * (variance + alpha * delta * delta);
        if (count < settings.warmUp()) {
            tail = 0.5;
        } else {
            tail = GaussianTail.upper(z());
        }
        return 1 - tail;
    }

    /** The recent mean's distance above the long-term mean, in (floored) standard deviations. */
    private double z() {
        double sum = 0;
        for (double s : recent) {
            sum += s;
        }
        return (sum / recent.length - mean) / Math.max(Math.sqrt(variance), settings.minStdDev());
    }

    /** The likelihood of the last update, {@code 1 - Q(z)}; 0.5 before the warm-up ends. */
    public double likelihood() {
        return 1 - tail;
    }

    /**
     * {@code Q(z)} of the last update: the probability of a recent mean at least this high under the
     * long-term distribution, exact where {@link #likelihood()} has rounded to 1.
     */
    public double tailProbability() {
        return tail;
    }

    /**
     * The likelihood on a log scale for resolution near 1: {@code log10(Q) / log10(1e-10)} clamped to
     * [0, 1], about 0.03 at the baseline (Q = 0.5), 0.5 at Q = 1e-5 and 1 from Q = 1e-10 down.
     */
    public double logLikelihood() {
        return Math.min(1, Math.log(tail) / Math.log(LOG_LIKELIHOOD_FLOOR));
    }

    /** Whether the warm-up is over. */
    public boolean warmedUp() {
        return count >= settings.warmUp();
    }

    /** Scores seen so far. */
    public long count() {
        return count;
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** Writes the settings and the whole state for {@link #readFrom}. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(settings.horizon());
        out.writeInt(settings.shortWindow());
        out.writeInt(settings.warmUp());
        out.writeDouble(settings.minStdDev());
        out.writeLong(count);
        out.writeDouble(mean);
        out.writeDouble(variance);
        out.writeDouble(tail);
        for (double score : recent) {
            out.writeDouble(score);
        }
    }

    /** Reads a likelihood written by {@link #writeTo}; it continues exactly where the written one was. */
    public static AnomalyLikelihood readFrom(DataInput in) throws IOException {
        Settings settings;
        try {
            settings = new Settings(in.readInt(), in.readInt(), in.readInt(), in.readDouble());
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt likelihood state: " + e.getMessage(), e);
        }
        AnomalyLikelihood likelihood = new AnomalyLikelihood(settings);
        likelihood.count = in.readLong();
        likelihood.mean = in.readDouble();
        likelihood.variance = in.readDouble();
        likelihood.tail = in.readDouble();
        for (int i = 0; i < likelihood.recent.length; i++) {
            likelihood.recent[i] = in.readDouble();
        }
        return likelihood;
    }

    @Override
    public String toString() {
        return "AnomalyLikelihood" + settings + "[count=" + count + ", mean=" + mean + ", variance=" + variance
                + ", recent=" + Arrays.toString(recent) + "]";
    }
}
