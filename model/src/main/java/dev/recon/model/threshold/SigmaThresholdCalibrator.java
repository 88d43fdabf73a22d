package dev.recon.model.threshold;

import java.util.Map;

/**
 * Threshold = mean + {@code k} standard deviations of the validation errors.
 *
 * <p>The standard deviation is the sample one ({@code n - 1}). Reconstruction errors are skewed to
 * the right, so {@code k} = 3 flags more than the 0.13% a Gaussian would; the quantile and
 * peaks-over-threshold methods make no such assumption.
 */
public final class SigmaThresholdCalibrator implements ThresholdCalibrator {

    /** Method name recorded in the manifest. */
    public static final String METHOD = "sigma";
    /** Default number of standard deviations. */
    public static final double DEFAULT_K = 3.0;

    private final double k;

    /** A calibrator for {@code k >= 0} standard deviations above the mean. */
    public SigmaThresholdCalibrator(double k) {
        if (!(k >= 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("sigma multiplier k must be finite and >= 0, got " + k);
        }
        this.k = k;
    }

    @Override
    public Threshold calibrate(double[] errors, String calibratedOn) {
        double[] sorted = Calibration.sortedFinite(errors, calibratedOn);
        double mean = 0;
        for (double e : sorted) {
            mean += e;
        }
        mean /= sorted.length;
        double ss = 0;
        for (double e : sorted) {
            ss += (e - mean) * (e - mean);
        }
        double std = sorted.length > 1 ? Math.sqrt(ss / (sorted.length - 1)) : 0;
        return new Threshold(Math.max(0, mean + k * std), METHOD, Map.of("k", k, "mean", mean, "std", std),
                calibratedOn, Threshold.ErrorSummary.of(sorted));
    }
}
