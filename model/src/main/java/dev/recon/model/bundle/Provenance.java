package dev.recon.model.bundle;

import java.util.Map;

/**
 * How a model was made, so it can be explained and reproduced.
 *
 * <p>The platform is recorded because the same seed can give different weights on another
 * libtorch build or device (GPU kernels are not all deterministic).
 *
 * @param data the training data
 * @param seed random seed of initialisation and shuffling
 * @param trainer trainer class
 * @param reconVersion recon version that trained the model
 * @param djlVersion DJL version
 * @param engine deep-learning engine name and version
 * @param device device trained on ({@code cpu()}, {@code gpu(0)})
 * @param javaVersion Java runtime version
 * @param os operating system and architecture
 * @param config every trainer setting as used
 */
public record Provenance(
        DataSource data,
        long seed,
        String trainer,
        String reconVersion,
        String djlVersion,
        String engine,
        String device,
        String javaVersion,
        String os,
        Map<String, Object> config) {

    /**
     * The training data and how it was split.
     *
     * @param path where the data was read from
     * @param digest size and SHA-256 of the file
     * @param rows rows in the file
     * @param fitRows rows used for fitting (training plus validation)
     * @param trainRows rows used for gradient steps
     * @param validationRows rows used for early stopping and threshold calibration
     * @param trainWindows windows in the training part
     * @param validationWindows windows in the validation part
     * @param firstTimestamp first timestamp of the file (ISO-8601)
     * @param lastFitTimestamp last timestamp used for fitting (ISO-8601)
     */
    public record DataSource(
            String path,
            FileDigest digest,
            int rows,
            int fitRows,
            int trainRows,
            int validationRows,
            int trainWindows,
            int validationWindows,
            String firstTimestamp,
            String lastFitTimestamp) {}
}
