package dev.recon.model.testing;

import java.util.Random;

/** Seeded synthetic sensor series: a daily-like sine with noise, and spikes injected where asked. */
public final class SyntheticSeries {

    private SyntheticSeries() {}

    /** {@code n} values with period {@code period} samples, amplitude 10 around 50, noise sd 0.3. */
    public static double[] sine(int n, int period, long seed) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 50 + 10 * Math.sin(2 * Math.PI * i / period) + 0.3 * random.nextGaussian();
        }
        return values;
    }

    /** Adds {@code height} to the values at the given indices (returns the same array). */
    public static double[] withSpikes(double[] values, double height, int... indices) {
        for (int i : indices) {
            values[i] += height;
        }
        return values;
    }
}
