package dev.recon.model.bundle;

import dev.recon.model.window.ZScoreNormalizer;
import java.util.Objects;

/**
 * Normalisation statistics fitted on the training data.
 *
 * @param method {@code zscore}
 * @param mean per-channel mean
 * @param std per-channel standard deviation
 */
public record NormalizationSpec(String method, double[] mean, double[] std) {

    /** Manifest name of z-score normalisation. */
    public static final String ZSCORE = "zscore";

    /** Validates the method name. */
    public NormalizationSpec {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (!ZSCORE.equals(method)) {
            throw new IllegalArgumentException("normalization method must be '" + ZSCORE + "', got '" + method + "'");
        }
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
