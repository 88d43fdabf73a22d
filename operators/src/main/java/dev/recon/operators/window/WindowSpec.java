package dev.recon.operators.window;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.window.ResampleSpec;
import dev.recon.model.window.ZScoreNormalizer;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of the windows a model consumes, taken from its bundle when the job is built, so the
 * windowing operator needs no model at run time; and, in time mode, the grid readings are put on
 * before they are windowed.
 *
 * @param channels channel names in the model's order
 * @param length steps per window
 * @param stride steps (readings, or grid points in time mode) between windows
 * @param modelLabel how messages name the model ({@code 'pump' version 3})
 * @param mean per-channel normalisation mean, to reject values the model's float32 input cannot hold
 * @param scale per-channel normalisation scale, likewise
 * @param resampling the time grid and gap settings ({@link WindowMode#TIME}), or {@code null} for
 *     count windows ({@link WindowMode#COUNT})
 * @param sensorStatistics a per-sensor bundle's own statistics, sensor id to {@code {mean, scale}};
 *     empty when every sensor is normalised with {@code mean} and {@code scale}
 */
public record WindowSpec(List<String> channels, int length, int stride, String modelLabel, double[] mean,
        double[] scale, ResampleSpec resampling, Map<String, double[][]> sensorStatistics) implements Serializable {

    private static final long serialVersionUID = 2L;

    /** Checks the sizes. */
    public WindowSpec {
        channels = List.copyOf(channels);
        sensorStatistics = sensorStatistics == null ? Map.of() : Map.copyOf(sensorStatistics);
        if (mean.length != channels.size() || scale.length != channels.size()) {
            throw new IllegalArgumentException("normalisation statistics for " + mean.length + " channels, expected "
                    + channels.size());
        }
        if (channels.isEmpty() || length < 1 || stride < 1) {
            throw new IllegalArgumentException("a window needs channels, length >= 1 and stride >= 1, got "
                    + channels + ", " + length + ", " + stride);
        }
    }

    /** A shape whose sensors all share {@code mean} and {@code scale}. */
    public WindowSpec(List<String> channels, int length, int stride, String modelLabel, double[] mean,
            double[] scale, ResampleSpec resampling) {
        this(channels, length, stride, modelLabel, mean, scale, resampling, Map.of());
    }

    /** The count-window shape of a bundle, with its per-sensor statistics when it has them. */
    public static WindowSpec of(BundleManifest manifest) {
        ZScoreNormalizer normalizer = manifest.normalization().toNormalizer();
        Map<String, double[][]> sensors = new HashMap<>();
        manifest.normalization().sensorNormalizers().forEach(
                (sensor, n) -> sensors.put(sensor, new double[][] {n.mean(), n.scale()}));
        return new WindowSpec(manifest.input().channels(), manifest.input().windowLength(),
                manifest.input().stride(), "'" + manifest.name() + "' version " + manifest.version(),
                normalizer.mean(), normalizer.scale(), null, sensors);
    }

    /** The same shape over grid points of {@code grid} ({@link WindowMode#TIME}); {@code null} for count windows. */
    public WindowSpec withResampling(ResampleSpec grid) {
        return new WindowSpec(channels, length, stride, modelLabel, mean, scale, grid, sensorStatistics);
    }

    /** Count or time windows. */
    public WindowMode mode() {
        return resampling == null ? WindowMode.COUNT : WindowMode.TIME;
    }

    /**
     * Index of the first channel whose value overflows float32 once normalised with the statistics
     * the scorer will use for {@code sensorId} (its own in a per-sensor bundle), or -1.
     */
    public int overflowingChannel(String sensorId, double[] raw) {
        double[][] own = sensorStatistics.get(sensorId);
        double[] m = own == null ? mean : own[0];
        double[] sc = own == null ? scale : own[1];
        for (int c = 0; c < raw.length; c++) {
            if (!Float.isFinite((float) ((raw[c] - m[c]) / sc[c]))) {
                return c;
            }
        }
        return -1;
    }
}
