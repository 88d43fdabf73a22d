package dev.recon.model.bundle;

import java.util.List;
import java.util.Objects;

/**
 * What a model consumes: windows of {@code windowLength} steps over the named channels, or images.
 *
 * <p>For images ({@code type} {@code image}) {@code shape} is {@code [channels, height, width]},
 * {@code channels} names the colour channels ({@code gray}, or {@code red, green, blue}),
 * {@code windowLength} is the number of pixels per channel ({@code height * width}) so that
 * {@link #windowSize()} is the flattened image size for every input type, and {@code scaling} says
 * how raw pixels become model inputs. Bundles written before images existed have no
 * {@code scaling} and load unchanged.
 *
 * @param type {@code timeseries} for windows of sensor readings, {@code image} for images
 * @param channels channel names in the order the model expects them
 * @param windowLength steps per window (images: pixels per channel)
 * @param stride readings between consecutive windows when streaming (images: 1)
 * @param shape the model's input shape per example: {@code [windowLength, channels]} for time
 *     series, {@code [channels, height, width]} for images
 * @param scaling images only: {@code unit}, 8-bit pixel values divided by 255 into [0, 1];
 *     {@code null} for time series
 */
public record InputSpec(
        String type, List<String> channels, int windowLength, int stride, List<Integer> shape, String scaling) {

    /** Input type of sensor-reading windows. */
    public static final String TIME_SERIES = "timeseries";
    /** Input type of images, flattened {@code [channel][row][column]}. */
    public static final String IMAGE = "image";
    /** Pixel scaling: 8-bit values divided by 255, so inputs lie in [0, 1]. */
    public static final String UNIT_SCALING = "unit";

    /** Validates the fields and that {@code shape} agrees with them. */
    public InputSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(channels, "channels");
        channels = List.copyOf(channels);
        if (!TIME_SERIES.equals(type) && !IMAGE.equals(type)) {
            throw new IllegalArgumentException("input type must be '" + TIME_SERIES + "' or '" + IMAGE
                    + "', got '" + type + "'");
        }
        if (channels.isEmpty() || channels.stream().distinct().count() != channels.size()) {
            throw new IllegalArgumentException("channels must be non-empty and distinct, got " + channels);
        }
        if (windowLength < 1 || stride < 1) {
            throw new IllegalArgumentException(
                    "windowLength and stride must be >= 1, got " + windowLength + " and " + stride);
        }
        if (IMAGE.equals(type)) {
            if (shape == null || shape.size() != 3 || shape.get(0) != channels.size()
                    || (long) shape.get(1) * shape.get(2) != windowLength) {
                throw new IllegalArgumentException("image input shape must be [channels, height, width] with "
                        + channels.size() + " channels and height * width = windowLength = " + windowLength
                        + ", got " + shape);
            }
            if (!UNIT_SCALING.equals(scaling)) {
                throw new IllegalArgumentException(
                        "image input scaling must be '" + UNIT_SCALING + "', got '" + scaling + "'");
            }
            shape = List.copyOf(shape);
        } else {
            List<Integer> expected = List.of(windowLength, channels.size());
            if (shape == null) {
                shape = expected;
            } else if (!shape.equals(expected)) {
                throw new IllegalArgumentException(
                        "shape " + shape + " does not match [windowLength, channels] = " + expected);
            }
            if (scaling != null) {
                throw new IllegalArgumentException("scaling applies to image inputs only, got '" + scaling
                        + "' for a time-series input");
            }
        }
    }

    /** A time-series input. */
    public static InputSpec timeSeries(List<String> channels, int windowLength, int stride) {
        return new InputSpec(TIME_SERIES, channels, windowLength, stride, null, null);
    }

    /** An image input of the named colour channels, pixels scaled to [0, 1]. */
    public static InputSpec image(List<String> channels, int height, int width) {
        return new InputSpec(IMAGE, channels, height * width, 1, List.of(channels.size(), height, width),
                UNIT_SCALING);
    }

    /** Whether the model consumes images. */
    public boolean imageInput() {
        return IMAGE.equals(type);
    }

    /** Image height in pixels; only for image inputs. */
    public int imageHeight() {
        requireImage();
        return shape.get(1);
    }

    /** Image width in pixels; only for image inputs. */
    public int imageWidth() {
        requireImage();
        return shape.get(2);
    }

    private void requireImage() {
        if (!imageInput()) {
            throw new IllegalStateException("input type is '" + type + "', not '" + IMAGE + "'");
        }
    }

    /** Flattened size of one window (or image). */
    public int windowSize() {
        return windowLength * channels.size();
    }
}
