package dev.recon.trainer;

import dev.recon.model.threshold.PotThresholdCalibrator;
import dev.recon.model.threshold.QuantileThresholdCalibrator;
import dev.recon.model.threshold.SigmaThresholdCalibrator;
import dev.recon.model.threshold.ThresholdCalibrator;
import java.util.Objects;

/**
 * Which threshold calibration to run on the validation errors, with its parameters.
 *
 * @param method {@code quantile} (scale x quantile), {@code sigma} (mean + k x std) or {@code pot}
 *     (peaks over threshold, for a target false-alarm rate)
 * @param quantile quantile of the errors ({@code quantile})
 * @param scale multiplier of that quantile ({@code quantile})
 * @param sigmas standard deviations above the mean ({@code sigma})
 * @param potRisk target false-alarm probability per example ({@code pot})
 * @param potLevel quantile of the initial threshold whose excesses are fitted ({@code pot})
 */
public record ThresholdSettings(
        String method, double quantile, double scale, double sigmas, double potRisk, double potLevel) {

    /** Validates the method and, by building it once, the parameters it uses. */
    public ThresholdSettings {
        Objects.requireNonNull(method, "method");
        calibrator(method, quantile, scale, sigmas, potRisk, potLevel);
    }

    /** Quantile calibration: {@code scale} times the {@code quantile} of the errors. */
    public static ThresholdSettings quantile(double quantile, double scale) {
        return new ThresholdSettings(QuantileThresholdCalibrator.METHOD, quantile, scale,
                SigmaThresholdCalibrator.DEFAULT_K, PotThresholdCalibrator.DEFAULT_RISK, PotThresholdCalibrator.DEFAULT_LEVEL);
    }

    /** The same parameters with another method. */
    public ThresholdSettings withMethod(String newMethod) {
        return new ThresholdSettings(newMethod, quantile, scale, sigmas, potRisk, potLevel);
    }

    /** The calibrator these settings describe. */
    public ThresholdCalibrator calibrator() {
        return calibrator(method, quantile, scale, sigmas, potRisk, potLevel);
    }

    /**
     * Fails before training when the calibration cannot work on {@code count} validation errors
     * (peaks over threshold needs enough of them above its initial threshold).
     */
    public void requireEnoughErrors(int count, String what) {
        if (calibrator() instanceof PotThresholdCalibrator pot && count < pot.minimumErrors()) {
            throw new IllegalArgumentException("threshold-method pot at level " + potLevel + " needs at least "
                    + pot.minimumErrors() + " validation errors (" + PotThresholdCalibrator.MIN_PEAKS
                    + " above the " + potLevel + "-quantile), but there will be " + count + " " + what
                    + "; use more data, a lower --pot-level, or --threshold-method quantile");
        }
    }

    private static ThresholdCalibrator calibrator(String method, double quantile, double scale, double sigmas,
            double potRisk, double potLevel) {
        try {
            return switch (method) {
                case QuantileThresholdCalibrator.METHOD -> new QuantileThresholdCalibrator(quantile, scale);
                case SigmaThresholdCalibrator.METHOD -> new SigmaThresholdCalibrator(sigmas);
                case PotThresholdCalibrator.METHOD -> new PotThresholdCalibrator(potRisk, potLevel);
                default -> throw new IllegalArgumentException("'" + method + "' (expected quantile, sigma or pot)");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid threshold-method " + method + ": " + e.getMessage(), e);
        }
    }
}
