package dev.recon.model.threshold;

import java.util.Arrays;

/** Checks shared by the calibrators. */
final class Calibration {

    private Calibration() {}

    /** A sorted copy of {@code errors}, which must be non-empty and finite. */
    static double[] sortedFinite(double[] errors, String calibratedOn) {
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
        return sorted;
    }
}
