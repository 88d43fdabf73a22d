package dev.recon.operators.image;

import dev.recon.model.bundle.InputSpec;
import java.io.Serializable;

/**
 * The image shape a model reads: colour channels (1 gray, 3 RGB), height and width.
 *
 * @param channels 1 (gray) or 3 (red, green, blue)
 * @param height rows
 * @param width columns
 */
public record ImageShape(int channels, int height, int width) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Checks the shape. */
    public ImageShape {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("image models read 1 (gray) or 3 (RGB) channels, got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be >= 1 x 1, got " + height + " x " + width);
        }
    }

    /**
     * The shape of an image model's input.
     *
     * @throws IllegalArgumentException if the input is not an image input
     */
    public static ImageShape of(InputSpec input) {
        if (!input.imageInput()) {
            throw new IllegalArgumentException("the model takes '" + input.type() + "' input, not images");
        }
        return new ImageShape(input.channels().size(), input.imageHeight(), input.imageWidth());
    }

    /** Pixels per channel, {@code height * width}. */
    public int pixels() {
        return height * width;
    }

    /** Values of one flattened image, {@code channels * height * width}. */
    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + " x " + height + " x " + width;
    }
}
