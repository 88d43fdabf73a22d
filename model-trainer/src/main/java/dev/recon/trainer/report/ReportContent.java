package dev.recon.trainer.report;

import dev.recon.model.bundle.BundleManifest;
import java.util.List;
import java.util.Objects;

/**
 * Everything a training report shows, gathered by {@link ReportMaterial} from the bundle and its
 * data.
 *
 * @param manifest the bundle's manifest (settings, loss history, threshold, provenance)
 * @param validationScores scores of the held-out normal examples the threshold was calibrated on
 * @param anomalousScores scores of examples known to be anomalous; empty when there are none
 * @param windowExamples time-series windows next to their reconstructions; empty for images
 * @param imageExamples images next to their reconstructions; empty for time series
 * @param latent 2-D latent codes to scatter; {@code null} when the latent space is not 2-D
 * @param notes remarks on what could not be shown, and why
 */
public record ReportContent(
        BundleManifest manifest,
        double[] validationScores,
        double[] anomalousScores,
        List<WindowExample> windowExamples,
        List<ImageExample> imageExamples,
        LatentCodes latent,
        List<String> notes) {

    /** Checks the parts every report needs. */
    public ReportContent {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(validationScores, "validationScores");
        anomalousScores = anomalousScores == null ? new double[0] : anomalousScores;
        windowExamples = windowExamples == null ? List.of() : List.copyOf(windowExamples);
        imageExamples = imageExamples == null ? List.of() : List.copyOf(imageExamples);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * One window in the data's own units, as {@code [channel][step]}.
     *
     * @param caption what the window is (which rows, its score)
     * @param input the readings
     * @param reconstruction the model's reconstruction, denormalised
     */
    public record WindowExample(String caption, double[][] input, double[][] reconstruction) {}

    /**
     * One image and its reconstruction, channel-major {@code [channel][row][column]} in [0, 1].
     *
     * @param input the image
     * @param reconstruction the model's reconstruction
     * @param caption what the image is (its class, its score)
     */
    public record ImageExample(float[] input, float[] reconstruction, String caption) {}

    /**
     * Latent codes of a 2-D latent space.
     *
     * @param points {@code {z1, z2}} per example
     * @param classes a class per example (the image label; 0 for unlabelled data)
     * @param classNames names of the classes, indexed by class
     */
    public record LatentCodes(double[][] points, int[] classes, java.util.function.IntFunction<String> classNames) {}
}
