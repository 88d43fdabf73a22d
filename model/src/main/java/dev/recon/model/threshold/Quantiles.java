package dev.recon.model.threshold;

/** Empirical quantiles with linear interpolation between order statistics (Hyndman-Fan type 7). */
public final class Quantiles {

    private Quantiles() {}

    /** The {@code q}-quantile of already sorted values, {@code 0 <= q <= 1}. */
    public static double quantileOfSorted(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("quantile of an empty sample");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
