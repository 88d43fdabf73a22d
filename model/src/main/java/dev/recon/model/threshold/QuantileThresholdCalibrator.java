package dev.recon.model.threshold;

import java.util.Arrays;
import java.util.Map;

/**
 * Threshold = {@code scale} times the {@code quantile}-quantile of the validation errors.
 *
 * <p>With {@code quantile} 1 and {@code scale} above 1 this is "a margin over the worst normal
 * window", a common choice when the validation set is small.
 */
public final class QuantileThresholdCalibrator implements ThresholdCalibrator {

    /** Method name recorded in the manifest. */
    public static final String METHOD = "quantile";
    /** Default quantile of the validation errors. */
    public static final double DEFAULT_QUANTILE = 0.99;
    /** Default multiplier applied to the quantile. */
    public static final double DEFAULT_SCALE = 1.0;

    private final double quantile;
    private final double scale;

    /** A calibrator for the given quantile in (0, 1] and scale > 0. */
    public QuantileThresholdCalibrator(double quantile, double scale) {
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1], got " + quantile);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
        }
        this.quantile = quantile;
        this.scale = scale;
    }

    @Override
    public Threshold calibrate(double[] errors, String calibratedOn) {
        if (errors.length == 0) {
            throw new IllegalArgumentException(
                    "cannot calibrate a threshold on zero errors (" + calibratedOn + ")");
        }
        double[] sorted = errors.clone();
        Arrays.sort(sorted);
        for (double e : sorted) {
            if (!Double.isFinite(e)) {
                throw new IllegalArgumentException("calibration errors must be finite, got " + e);
            }
        }
        double value = scale * Quantiles.quantileOfSorted(sorted, quantile);
        return new Threshold(
                value, METHOD, Map.of("quantile", quantile, "scale", scale), calibratedOn,
                Threshold.ErrorSummary.of(sorted));
    }
}
