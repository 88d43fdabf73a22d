package dev.recon.model.scoring;

/**
 * The reconstruction error of one window, with where the error is.
 *
 * @param score mean squared error over every step and channel (normalised units)
 * @param channelErrors mean squared error of each channel over the window's steps
 * @param stepErrors mean squared error of each step over the channels, oldest step first
 */
public record WindowScore(double score, double[] channelErrors, double[] stepErrors) {

    /**
     * Computes the error of a reconstruction.
     *
     * @param input flattened windows, step-major ({@code [step][channel]})
     * @param reconstruction same layout as {@code input}
     * @param offset where the window starts in both arrays
     */
    public static WindowScore of(
            float[] input, float[] reconstruction, int offset, int steps, int channels) {
        double[] perChannel = new double[channels];
        double[] perStep = new double[steps];
        double total = 0;
        int i = offset;
        for (int t = 0; t < steps; t++) {
            double stepSum = 0;
            for (int c = 0; c < channels; c++, i++) {
                double diff = (double) input[i] - reconstruction[i];
                double sq = diff * diff;
                stepSum += sq;
                perChannel[c] += sq;
            }
            perStep[t] = stepSum / channels;
            total += stepSum;
        }
        for (int c = 0; c < channels; c++) {
            perChannel[c] /= steps;
        }
        return new WindowScore(total / ((double) steps * channels), perChannel, perStep);
    }

    /** Index of the step with the largest error (the earliest one on ties). */
    public int peakStep() {
        int peak = 0;
        for (int t = 1; t < stepErrors.length; t++) {
            if (stepErrors[t] > stepErrors[peak]) {
                peak = t;
            }
        }
        return peak;
    }
}
