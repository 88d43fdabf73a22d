package dev.recon.model.window;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-channel z-score normalisation, {@code (x - mean) / std}, fitted on training data only.
 *
 * <p>A channel that never varied in training (std below {@link #MIN_STD}) is divided by 1 instead,
 * so a flat training signal does not turn every later wiggle into an infinite error.
 */
public final class ZScoreNormalizer {

    /** Standard deviations below this are treated as 1. */
    public static final double MIN_STD = 1e-8;

    private final double[] mean;
    private final double[] scale;

    /** A normaliser with the given per-channel statistics. */
    public ZScoreNormalizer(double[] mean, double[] std) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException(
                    "mean and std must have the same non-zero length, got "
                            + mean.length + " and " + std.length);
        }
        this.mean = mean.clone();
        this.scale = new double[std.length];
        for (int c = 0; c < std.length; c++) {
            if (!Double.isFinite(mean[c]) || !Double.isFinite(std[c]) || std[c] < 0) {
                throw new IllegalArgumentException(
                        "channel " + c + ": mean and std must be finite and std >= 0, got mean="
                                + mean[c] + " std=" + std[c]);
            }
            scale[c] = std[c] < MIN_STD ? 1.0 : std[c];
        }
    }

    /** Fits mean and (population) standard deviation per channel; rows are {@code [row][channel]}. */
    public static ZScoreNormalizer fit(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a normaliser on zero rows");
        }
        int channels = rows[0].length;
        double[] mean = new double[channels];
        double[] m2 = new double[channels];
        // Welford: stable for long series with a large offset (temperatures in kelvin, counters).
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < channels; c++) {
                double delta = rows[i][c] - mean[c];
                mean[c] += delta / (i + 1);
                m2[c] += delta * (rows[i][c] - mean[c]);
            }
        }
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            std[c] = Math.sqrt(m2[c] / rows.length);
        }
        return new ZScoreNormalizer(mean, std);
    }

    /** Number of channels. */
    public int channels() {
        return mean.length;
    }

    /** Normalises one reading into {@code out[offset .. offset + channels)}. */
    public void normalize(double[] raw, float[] out, int offset) {
        if (raw.length != mean.length) {
            throw new IllegalArgumentException(
                    "expected " + mean.length + " channel values, got " + raw.length);
        }
        normalize(raw, 0, out, offset);
    }

    /** Normalises the reading at {@code raw[rawOffset .. rawOffset + channels)} into {@code out[outOffset ..]}. */
    public void normalize(double[] raw, int rawOffset, float[] out, int outOffset) {
        for (int c = 0; c < mean.length; c++) {
            out[outOffset + c] = (float) ((raw[rawOffset + c] - mean[c]) / scale[c]);
        }
    }

    /**
     * Normalises {@code steps} consecutive readings, step-major ({@code [step][channel]}), from
     * {@code raw[rawOffset ..]} into {@code out[outOffset ..]}: the same values as {@link #normalize}
     * per reading, in one loop per channel that the JIT can vectorise.
     */
    public void normalizeSteps(double[] raw, int rawOffset, int steps, float[] out, int outOffset) {
        int channels = mean.length;
        int values = steps * channels;
        for (int c = 0; c < channels; c++) {
            double m = mean[c];
            double s = scale[c];
            for (int k = c; k < values; k += channels) {
                out[outOffset + k] = (float) ((raw[rawOffset + k] - m) / s);
            }
        }
    }

    /** Maps a normalised value of channel {@code c} back to the original units. */
    public double denormalize(int channel, double value) {
        return value * scale[channel] + mean[channel];
    }

    /** Fitted means, one per channel. */
    public double[] mean() {
        return mean.clone();
    }

    /** Fitted standard deviations as used for scaling (near-zero ones replaced by 1). */
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public String toString() {
        return "ZScoreNormalizer{mean=" + Arrays.toString(mean) + ", scale=" + Arrays.toString(scale) + "}";
    }
}
