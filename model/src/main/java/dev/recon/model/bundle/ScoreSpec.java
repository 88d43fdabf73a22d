package dev.recon.model.bundle;

/**
 * How a window's anomaly score is computed from its reconstruction.
 *
 * @param function {@code mse}: mean squared reconstruction error over steps and channels, in
 *     normalised units
 */
public record ScoreSpec(String function) {

    /** Mean squared reconstruction error. */
    public static final String MSE = "mse";

    /** Validates the function name. */
    public ScoreSpec {
        if (!MSE.equals(function)) {
            throw new IllegalArgumentException("score function must be '" + MSE + "', got '" + function + "'");
        }
    }
}
