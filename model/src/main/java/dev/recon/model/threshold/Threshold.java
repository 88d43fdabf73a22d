package dev.recon.model.threshold;

import java.util.Map;
import java.util.Objects;

/**
 * A calibrated alarm threshold and how it was obtained: a window whose score is above
 * {@code value} is anomalous.
 *
 * <p>Strictly above, so that a threshold of 0 (a model trained on a constant signal reconstructs
 * it exactly) flags any deviation and not every window.
 *
 * @param value the threshold on the score
 * @param method calibration method ({@code quantile}, ...)
 * @param parameters the method's inputs (for example {@code quantile: 0.99})
 * @param calibratedOn what the errors were measured on
 * @param errors summary of the errors the threshold was calibrated from
 */
public record Threshold(
        double value,
        String method,
        Map<String, Double> parameters,
        String calibratedOn,
        ErrorSummary errors) {

    /** Validates the threshold value. */
    public Threshold {
        Objects.requireNonNull(method, "method");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("threshold must be finite and >= 0, got " + value);
        }
    }

    /** Whether a score raises an alarm. */
    public boolean isAnomalous(double score) {
        return score > value;
    }

    /** The same calibration with another value (a manual override). */
    public Threshold withValue(double newValue, String why) {
        return new Threshold(newValue, "manual", Map.of("calibrated", value), why, errors);
    }

    /**
     * Summary statistics of calibration errors.
     *
     * @param count number of errors
     */
    public record ErrorSummary(int count, double min, double mean, double median, double max) {

        /** Summarises {@code errors} (not modified). */
        public static ErrorSummary of(double[] errors) {
            double[] sorted = errors.clone();
            java.util.Arrays.sort(sorted);
            double sum = 0;
            for (double e : sorted) {
                sum += e;
            }
            return new ErrorSummary(
                    sorted.length, sorted[0], sum / sorted.length,
                    Quantiles.quantileOfSorted(sorted, 0.5), sorted[sorted.length - 1]);
        }
    }
}
