package dev.recon.model.arch;

import ai.djl.ndarray.NDArray;

/**
 * The Kullback-Leibler divergence of a diagonal Gaussian code {@code N(mean, exp(logVariance))}
 * from the standard normal prior {@code N(0, I)}, in closed form:
 * {@code KL = 0.5 * sum_j (mean_j^2 + exp(logVariance_j) - 1 - logVariance_j)} (nats per example).
 *
 * <p>It is 0 exactly when the code is standard normal, and grows with the squared distance of the
 * mean from 0 and with any variance other than 1. Training uses the array form, scoring the
 * {@code float[]} form; both compute the same sum.
 */
public final class KlDivergence {

    private KlDivergence() {}

    /** Per example: {@code (N, latent)} means and log-variances to {@code (N)} divergences. */
    public static NDArray perExample(NDArray mean, NDArray logVariance) {
        return mean.square().add(logVariance.exp()).sub(1f).sub(logVariance).sum(new int[] {1}).mul(0.5f);
    }

    /** The divergence of the code at {@code offset} of both arrays, {@code size} values long. */
    public static double of(float[] mean, float[] logVariance, int offset, int size) {
        double sum = 0;
        for (int j = offset; j < offset + size; j++) {
            double m = mean[j];
            double lv = logVariance[j];
            sum += m * m + Math.exp(lv) - 1 - lv;
        }
        return 0.5 * sum;
    }
}
