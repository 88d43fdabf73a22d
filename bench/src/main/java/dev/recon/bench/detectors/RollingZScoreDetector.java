package dev.recon.bench.detectors;

import dev.recon.bench.nab.NabFile;

/**
 * Baseline: how many standard deviations a value is from the mean of the {@code window} values
 * before it (NAB's "windowed Gaussian" in spirit).
 */
public final class RollingZScoreDetector implements Detector {

    private final int window;

    /** A detector over trailing windows of {@code window} values. */
    public RollingZScoreDetector(int window) {
        this.window = window;
    }

    @Override
    public String name() {
        return "rolling z-score (" + window + ")";
    }

    @Override
    public double[] scores(NabFile file) {
        double[] v = file.values();
        double[] scores = new double[v.length];
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < v.length; i++) {
            if (i >= window) {
                double mean = sum / window;
                double variance = Math.max(sumSq / window - mean * mean, 0);
                double std = Math.sqrt(variance);
                scores[i] = std > 1e-12 ? Math.abs(v[i] - mean) / std : (v[i] == mean ? 0 : 1e6);
                sum -= v[i - window];
                sumSq -= v[i - window] * v[i - window];
            }
            sum += v[i];
            sumSq += v[i] * v[i];
        }
        return scores;
    }
}
