package dev.recon.trainer;

import java.util.Locale;

/**
 * The window a series can train with: the configured one, or, where the series is too short for it,
 * the longest that both its training and its validation part hold (for conv1d, rounded down to a
 * multiple of the encoder's downsampling). Chosen from the row counts alone, so no setting differs
 * by what the data looks like.
 *
 * @param requested the configured window
 * @param window the window to train with
 * @param rows rows of the (shortest) series
 * @param partRows rows of its shorter part (training or validation)
 */
public record WindowFit(int requested, int window, int rows, int partRows) {

    /** The smallest window fitting shortens to; shorter series fail with the trainer's "not enough data". */
    public static final int MIN_WINDOW = 2;

    /** The window for a series of {@code rows} rows under {@code config}'s split and model. */
    public static WindowFit of(TrainerConfig config, int rows) {
        int part = DataSplit.largestWindow(rows, config.trainFraction(), config.validationFraction());
        int window = Math.min(config.window(), part);
        int minimum = MIN_WINDOW;
        if (config.model().kind().equals(SeriesModel.CONV1D)) {
            int factor = 1 << config.model().filters().size();
            window -= window % factor;
            minimum = Math.max(minimum, factor);
        }
        if (window < minimum) {
            window = config.window(); // nothing fits: the trainer says what is missing
        }
        return new WindowFit(config.window(), window, rows, part);
    }

    /** Whether the window was shortened. */
    public boolean shortened() {
        return window < requested;
    }

    /** One line for the log and the bundle's provenance. */
    public String describe() {
        return String.format(Locale.ROOT, "window %d shortened to %d: the series has %d rows, and its shorter part"
                + " (training or validation) %d, and a window must fit in each", requested, window, rows, partRows);
    }
}
