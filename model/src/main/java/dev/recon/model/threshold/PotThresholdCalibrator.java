package dev.recon.model.threshold;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Peaks over threshold (extreme value theory): a threshold for a target false-alarm rate.
 *
 * <p>As in SPOT (Siffer et al., "Anomaly Detection in Streams with Extreme Value Theory", KDD
 * 2017): an initial threshold {@code t} is the {@code level}-quantile of the errors; the excesses
 * {@code y = e - t} of the {@code N_t} errors above it are fitted with a generalised Pareto
 * distribution GPD(sigma, xi); the threshold for a false-alarm probability {@code q} among
 * {@code n} errors is
 * {@code z = t + sigma / xi * ((q * n / N_t)^(-xi) - 1)}, or {@code t - sigma * ln(q * n / N_t)}
 * when {@code xi} is 0.
 *
 * <p>The GPD is fitted by probability-weighted moments (Hosking and Wallis, Technometrics 1987):
 * with the sorted excesses {@code y_(1) <= ... <= y_(m)}, {@code a0 = mean(y)} and
 * {@code a1 = (1/m) sum (1 - p_i) y_(i)}, {@code p_i = (i - 0.35) / m}:
 * {@code xi = 2 - a0 / (a0 - 2 a1)}, {@code sigma = 2 a0 a1 / (a0 - 2 a1)}. Unlike Grimshaw's
 * maximum-likelihood procedure it needs no root finding, is reliable on the small tails a
 * validation set gives, and is valid for {@code xi < 1/2}, which covers reconstruction errors.
 *
 * <p>The target rate must be below the share of errors above {@code t} ({@code 1 - level}), and
 * at least {@link #MIN_PEAKS} errors must lie above {@code t}.
 */
public final class PotThresholdCalibrator implements ThresholdCalibrator {

    /** Method name recorded in the manifest. */
    public static final String METHOD = "pot";
    /** Default target false-alarm probability per scored window or image. */
    public static final double DEFAULT_RISK = 1e-3;
    /** Default quantile of the initial threshold. */
    public static final double DEFAULT_LEVEL = 0.98;
    /** Fewest excesses a fit is attempted on. */
    public static final int MIN_PEAKS = 10;

    private final double risk;
    private final double level;

    /**
     * A calibrator for the false-alarm probability {@code risk} with the initial threshold at the
     * {@code level}-quantile; {@code 0 < risk < 1 - level < 1}.
     */
    public PotThresholdCalibrator(double risk, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("pot level must be in (0, 1), got " + level);
        }
        if (!(risk > 0 && risk < 1 - level)) {
            throw new IllegalArgumentException("pot risk must be in (0, 1 - level) = (0, " + (1 - level)
                    + "), got " + risk + "; the initial threshold must be exceeded more often than the target rate");
        }
        this.risk = risk;
        this.level = level;
    }

    /** Fewest errors a calibration at this level can work with (so that {@link #MIN_PEAKS} lie above it). */
    public int minimumErrors() {
        return (int) Math.ceil(MIN_PEAKS / (1 - level) - 1e-9);
    }

    @Override
    public Threshold calibrate(double[] errors, String calibratedOn) {
        double[] sorted = Calibration.sortedFinite(errors, calibratedOn);
        int n = sorted.length;
        double t = Quantiles.quantileOfSorted(sorted, level);
        int first = n;
        while (first > 0 && sorted[first - 1] > t) {
            first--;
        }
        int peaks = n - first;
        if (peaks < MIN_PEAKS) {
            throw new IllegalArgumentException("peaks-over-threshold needs at least " + MIN_PEAKS
                    + " errors above the initial threshold (the " + level + "-quantile), but " + n
                    + " errors (" + calibratedOn + ") have " + peaks + "; use more validation data, a lower"
                    + " pot level, or --threshold-method quantile");
        }
        double[] excess = new double[peaks];
        for (int i = 0; i < peaks; i++) {
            excess[i] = sorted[first + i] - t;
        }
        double[] fit = fitGpdPwm(excess);
        double sigma = fit[0];
        double xi = fit[1];
        double ratio = risk * n / peaks;
        double z = Math.abs(xi) < 1e-9 ? t - sigma * Math.log(ratio) : t + sigma / xi * (Math.pow(ratio, -xi) - 1);
        Map<String, Double> parameters = new LinkedHashMap<>();
        parameters.put("risk", risk);
        parameters.put("level", level);
        parameters.put("initialThreshold", t);
        parameters.put("peaks", (double) peaks);
        parameters.put("sigma", sigma);
        parameters.put("xi", xi);
        return new Threshold(Math.max(0, z), METHOD, parameters, calibratedOn, Threshold.ErrorSummary.of(sorted));
    }

    /**
     * Fits GPD(sigma, xi) to sorted, non-negative excesses by probability-weighted moments.
     *
     * @return {@code {sigma, xi}}
     */
    static double[] fitGpdPwm(double[] sortedExcess) {
        int m = sortedExcess.length;
        double a0 = 0;
        double a1 = 0;
        for (int i = 0; i < m; i++) {
            double p = (i + 1 - 0.35) / m;
            a0 += sortedExcess[i];
            a1 += (1 - p) * sortedExcess[i];
        }
        a0 /= m;
        a1 /= m;
        double d = a0 - 2 * a1;
        if (a0 <= 0 || d <= 0) {
            // All excesses (nearly) equal: a degenerate tail; an exponential of that mean is the safe fit.
            return new double[] {Math.max(a0, 1e-12), 0};
        }
        return new double[] {2 * a0 * a1 / d, 2 - a0 / d};
    }
}
