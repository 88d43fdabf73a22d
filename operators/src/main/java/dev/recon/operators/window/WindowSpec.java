package dev.recon.operators.window;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.window.ResampleSpec;
import dev.recon.model.window.ZScoreNormalizer;
import java.io.Serializable;
import java.util.List;

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
 */
public record WindowSpec(List<String> channels, int length, int stride, String modelLabel, double[] mean,
        double[] scale, ResampleSpec resampling) implements Serializable {

    private static final long serialVersionUID = 2L;

    /** Checks the sizes. */
    public WindowSpec {
        channels = List.copyOf(channels);
        if (mean.length != channels.size() || scale.length != channels.size()) {
            throw new IllegalArgumentException("normalisation statistics for " + mean.length + " channels, expected "
                    + channels.size());
        }
        if (channels.isEmpty() || length < 1 || stride < 1) {
            throw new IllegalArgumentException("a window needs channels, length >= 1 and stride >= 1, got "
                    + channels + ", " + length + ", " + stride);
        }
    }

    /** The count-window shape of a bundle. */
    public static WindowSpec of(BundleManifest manifest) {
        ZScoreNormalizer normalizer = manifest.normalization().toNormalizer();
        return new WindowSpec(manifest.input().channels(), manifest.input().windowLength(),
                manifest.input().stride(), "'" + manifest.name() + "' version " + manifest.version(),
                normalizer.mean(), normalizer.scale(), null);
    }

    /** The same shape over grid points of {@code grid} ({@link WindowMode#TIME}); {@code null} for count windows. */
    public WindowSpec withResampling(ResampleSpec grid) {
        return new WindowSpec(channels, length, stride, modelLabel, mean, scale, grid);
    }

    /** Count or time windows. */
    public WindowMode mode() {
        return resampling == null ? WindowMode.COUNT : WindowMode.TIME;
    }

    /** Index of the first channel whose value overflows float32 once normalised, or -1. */
    public int overflowingChannel(double[] raw) {
        for (int c = 0; c < raw.length; c++) {
            if (!Float.isFinite((float) ((raw[c] - mean[c]) / scale[c]))) {
                return c;
            }
        }
        return -1;
    }
}
