package dev.recon.trainer;

/**
 * Which rows of a series are used for training and for validation, in time order.
 *
 * <p>The fitted part is the first {@code trainFraction} of the rows; its last
 * {@code validationFraction} is held out. Validation windows lie wholly after the training rows,
 * so no window is seen by both.
 *
 * @param fitRows rows used in total
 * @param trainRows rows {@code [0, trainRows)} give training windows
 * @param validationRows rows {@code [trainRows, fitRows)} give validation windows
 */
public record DataSplit(int fitRows, int trainRows, int validationRows) {

    /** Splits {@code rows} rows for windows of {@code window} steps. */
    public static DataSplit of(int rows, int window, double trainFraction, double validationFraction) {
        int fit = (int) Math.round(rows * trainFraction);
        int validation = (int) Math.round(fit * validationFraction);
        int train = fit - validation;
        if (train < window || validation < window) {
            throw new IllegalArgumentException("not enough data: " + rows + " rows x train-fraction "
                    + trainFraction + " = " + fit + " rows, split into " + train + " training and "
                    + validation + " validation rows, but each part needs at least one window of " + window
                    + " rows; use a longer series, a larger --train-fraction or a smaller --window");
        }
        return new DataSplit(fit, train, validation);
    }

    /**
     * The longest window both parts of {@code rows} rows hold (the shorter part's row count), or 0 when
     * a part is empty.
     */
    public static int largestWindow(int rows, double trainFraction, double validationFraction) {
        int fit = (int) Math.round(rows * trainFraction);
        int validation = (int) Math.round(fit * validationFraction);
        return Math.max(0, Math.min(fit - validation, validation));
    }

    /** Windows in the training part (stride 1). */
    public int trainWindows(int window) {
        return trainRows - window + 1;
    }

    /** Windows in the validation part (stride 1). */
    public int validationWindows(int window) {
        return validationRows - window + 1;
    }
}
