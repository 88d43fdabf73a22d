package dev.recon.operators.scoring;

/**
 * A coarse map of where an image's reconstruction error is: the image cut into a grid of cells and
 * the mean squared error of each cell.
 *
 * <p>A grid of {@code rows x cols} cells over a {@code height x width} image: cell row {@code i}
 * covers image rows {@code [floor(i * height / rows), floor((i + 1) * height / rows))}, columns
 * likewise, so cells differ in size by at most one pixel and cover the image exactly. A grid is
 * never finer than the image (at most one cell per pixel).
 *
 * @param rows cell rows
 * @param cols cell columns
 * @param errors mean squared error of each cell, row-major ({@code rows * cols})
 */
public record ErrorGrid(int rows, int cols, double[] errors) {

    /** Checks that the errors fill the grid. */
    public ErrorGrid {
        if (rows < 1 || cols < 1 || errors.length != rows * cols) {
            throw new IllegalArgumentException("an error grid of " + rows + " x " + cols + " cells needs "
                    + (long) rows * cols + " values, got " + errors.length);
        }
    }

    /**
     * The grid of at most {@code cells x cells} cells over a per-pixel error map.
     *
     * @param pixelErrors error of each pixel, row-major ({@code height * width})
     * @param cells cells per side wanted; fewer along a side with fewer pixels
     */
    public static ErrorGrid of(double[] pixelErrors, int height, int width, int cells) {
        if (cells < 1) {
            throw new IllegalArgumentException("an error grid needs >= 1 cell per side, got " + cells);
        }
        if (height < 1 || width < 1 || pixelErrors.length != height * width) {
            throw new IllegalArgumentException(pixelErrors.length + " pixel errors for a " + height + " x " + width
                    + " image");
        }
        int rows = Math.min(cells, height);
        int cols = Math.min(cells, width);
        double[] errors = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            int top = i * height / rows;
            int bottom = (i + 1) * height / rows;
            for (int j = 0; j < cols; j++) {
                int left = j * width / cols;
                int right = (j + 1) * width / cols;
                double sum = 0;
                for (int y = top; y < bottom; y++) {
                    for (int x = left; x < right; x++) {
                        sum += pixelErrors[y * width + x];
                    }
                }
                errors[i * cols + j] = sum / ((double) (bottom - top) * (right - left));
            }
        }
        return new ErrorGrid(rows, cols, errors);
    }
}
