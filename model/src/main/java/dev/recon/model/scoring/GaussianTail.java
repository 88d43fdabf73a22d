package dev.recon.model.scoring;

/**
 * The upper tail of the standard normal distribution, {@code Q(z) = P(Z > z)}, and its logarithm,
 * accurate to a few units in the last place of the relative error far into the tail, where
 * {@code 1 - Phi(z)} would round to 0.
 *
 * <p>Below {@link #SERIES_LIMIT} {@code Phi(z) = 1/2 + phi(z) (z + z^3/3 + z^5/(3*5) + ...)}
 * (Marsaglia 2004, every term positive, so nothing cancels); above it, the continued fraction of
 * the Mills ratio {@code Q(z) = phi(z) / (z + 1/(z + 2/(z + 3/(z + ...))))}, evaluated from a
 * fixed depth backwards. Both are bounded loops, so a call costs the same for every {@code z}.
 */
final class GaussianTail {

    /** Where the series hands over to the continued fraction. */
    static final double SERIES_LIMIT = 3.0;

    private static final double LOG_SQRT_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final int SERIES_TERMS = 80;
    private static final int FRACTION_DEPTH = 60;

    private GaussianTail() {}

    /** {@code Q(z) = P(Z > z)} for a standard normal {@code Z}; 0.5 at 0, 1 towards minus infinity. */
    static double upper(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("z must be a number, got NaN");
        }
        if (z < 0) {
            return 1 - upper(-z);
        }
        if (z < SERIES_LIMIT) {
            return 0.5 - Math.exp(-0.5 * z * z - LOG_SQRT_TWO_PI) * series(z);
        }
        return Math.exp(logUpperTail(z));
    }

    /** {@code ln Q(z)}, finite for every finite {@code z} (about {@code -z^2/2} far in the tail). */
    static double logUpper(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("z must be a number, got NaN");
        }
        if (z < SERIES_LIMIT) {
            return Math.log(upper(z));
        }
        if (z == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        return logUpperTail(z);
    }

    /** {@code z + z^3/3 + z^5/(3*5) + ...}, so that {@code Phi(z) - 1/2 = phi(z)} times it. */
    private static double series(double z) {
        double term = z;
        double sum = z;
        double z2 = z * z;
        for (int k = 1; k < SERIES_TERMS; k++) {
            term *= z2 / (2 * k + 1);
            sum += term;
        }
        return sum;
    }

    /** {@code ln Q(z)} from the continued fraction, for {@code z >= SERIES_LIMIT}. */
    private static double logUpperTail(double z) {
        double fraction = z;
        for (int k = FRACTION_DEPTH; k >= 1; k--) {
            fraction = z + k / fraction;
        }
        return -0.5 * z * z - LOG_SQRT_TWO_PI - Math.log(fraction);
    }
}
