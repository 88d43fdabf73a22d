package dev.recon.model.bundle;

import dev.recon.model.window.ZScoreNormalizer;
import java.util.Objects;

/**
 * Normalisation statistics fitted on the training data.
 *
 * <p>{@code none} (images, already scaled to [0, 1] by the input's {@code scaling}) records a mean
 * of 0 and a std of 1 per channel, so {@link #toNormalizer()} is the identity for every method.
 *
 * @param method {@code zscore} or {@code none}
 * @param mean per-channel mean
 * @param std per-channel standard deviation
 */
public record NormalizationSpec(String method, double[] mean, double[] std) {

    /** Manifest name of z-score normalisation. */
    public static final String ZSCORE = "zscore";
    /** Manifest name of no normalisation. */
    public static final String NONE = "none";

    /** Validates the method name. */
    public NormalizationSpec {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (!ZSCORE.equals(method) && !NONE.equals(method)) {
            throw new IllegalArgumentException("normalization method must be '" + ZSCORE + "' or '" + NONE
                    + "', got '" + method + "'");
        }
        if (NONE.equals(method)) {
            for (int c = 0; c < mean.length; c++) {
                if (mean[c] != 0 || c >= std.length || std[c] != 1) {
                    throw new IllegalArgumentException("normalization 'none' must record mean 0 and std 1 per channel");
                }
            }
        }
    }

    /** No normalisation for {@code channels} channels (mean 0, std 1). */
    public static NormalizationSpec none(int channels) {
        double[] std = new double[channels];
        java.util.Arrays.fill(std, 1.0);
        return new NormalizationSpec(NONE, new double[channels], std);
    }

    /** The statistics of a fitted normaliser. */
    public static NormalizationSpec of(ZScoreNormalizer normalizer) {
        return new NormalizationSpec(ZSCORE, normalizer.mean(), normalizer.scale());
    }

    /** A normaliser with these statistics. */
    public ZScoreNormalizer toNormalizer() {
        return new ZScoreNormalizer(mean, std);
    }
}
