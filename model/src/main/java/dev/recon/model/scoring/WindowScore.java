package dev.recon.model.scoring;

/**
 * The anomaly score of one window, with where the reconstruction error is.
 *
 * @param score the bundle's score function: by default the mean squared error over every step and
 *     channel (normalised units); see {@link dev.recon.model.bundle.ScoreSpec}
 * @param channelErrors mean squared reconstruction error of each channel over the window's steps
 * @param stepErrors mean squared reconstruction error of each step over the channels, oldest step first
 */
public record WindowScore(double score, double[] channelErrors, double[] stepErrors) {

    /**
     * This window's errors with another score: a score function other than the plain mean squared
     * error replaces the score and keeps the per-channel and per-step errors of the reconstruction.
     */
    public WindowScore withScore(double newScore) {
        return new WindowScore(newScore, channelErrors, stepErrors);
    }

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
        if (channels == 1) {
            // the common sensor: once per reading at stride 1, so without the channel loop and divisions
            for (int t = 0; t < steps; t++, i++) {
                double diff = (double) input[i] - reconstruction[i];
                double sq = diff * diff;
                perStep[t] = sq;
                total += sq;
            }
            perChannel[0] = total / steps;
            return new WindowScore(total / steps, perChannel, perStep);
        }
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

    /**
     * Computes the error of an image reconstruction; images are flattened channel-major.
     *
     * <p>{@code channelErrors} is the mean squared error of each colour channel and
     * {@code stepErrors} that of each pixel (row-major, averaged over channels): an error map.
     *
     * @param input flattened images, {@code [channel][row][column]}
     * @param reconstruction same layout as {@code input}
     * @param offset where the image starts in both arrays
     * @param channels colour channels
     * @param pixels pixels per channel ({@code height * width})
     */
    public static WindowScore ofImage(
            float[] input, float[] reconstruction, int offset, int channels, int pixels) {
        double[] perChannel = new double[channels];
        double[] perPixel = new double[pixels];
        double total = 0;
        int i = offset;
        for (int c = 0; c < channels; c++) {
            double channelSum = 0;
            for (int p = 0; p < pixels; p++, i++) {
                double diff = (double) input[i] - reconstruction[i];
                double sq = diff * diff;
                channelSum += sq;
                perPixel[p] += sq / channels;
            }
            perChannel[c] = channelSum / pixels;
            total += channelSum;
        }
        return new WindowScore(total / ((double) channels * pixels), perChannel, perPixel);
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
