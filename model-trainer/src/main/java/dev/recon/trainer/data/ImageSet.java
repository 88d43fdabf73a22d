package dev.recon.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Images of one size as 8-bit pixels, with optional integer labels.
 *
 * <p>Each image is stored flattened {@code [channel][row][column]}, the layout image models take;
 * {@link #scaled} turns pixels into model inputs in [0, 1] (the bundle's {@code unit} scaling).
 *
 * @param source where the images came from, for provenance and messages
 * @param channels colour channels (1 grayscale, 3 RGB)
 * @param height image height
 * @param width image width
 * @param pixels every image's pixels, one image after another
 * @param labels one label per image, or {@code null}
 */
public record ImageSet(String source, int channels, int height, int width, byte[] pixels, int[] labels) {

    /** Checks that the pixels hold whole images and that there is one label per image. */
    public ImageSet {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pixels, "pixels");
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images must have 1 or 3 channels, got " + channels + " (" + source + ")");
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be >= 1 x 1, got " + height + " x " + width);
        }
        long size = (long) channels * height * width;
        if (pixels.length % size != 0) {
            throw new IllegalArgumentException(pixels.length + " pixel values are not whole images of " + channels
                    + " x " + height + " x " + width + " (" + source + ")");
        }
        if (labels != null && labels.length != pixels.length / size) {
            throw new IllegalArgumentException(source + ": " + pixels.length / size + " images but " + labels.length
                    + " labels; expected one label per image");
        }
    }

    /** Number of images. */
    public int size() {
        return pixels.length / imageSize();
    }

    /** Values per image, {@code channels * height * width}. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Whether every image has a label. */
    public boolean labelled() {
        return labels != null;
    }

    /** Channel names used in the bundle: {@code gray}, or {@code red, green, blue}. */
    public List<String> channelNames() {
        return channels == 1 ? List.of("gray") : List.of("red", "green", "blue");
    }

    /** The images at {@code indices}, scaled to [0, 1] (pixel / 255), one after another. */
    public float[] scaled(int[] indices) {
        int size = imageSize();
        float[] out = new float[indices.length * size];
        for (int k = 0; k < indices.length; k++) {
            int from = indices[k] * size;
            for (int p = 0; p < size; p++) {
                out[k * size + p] = (pixels[from + p] & 0xff) / 255f;
            }
        }
        return out;
    }

    /** The first {@code count} images (all of them if there are fewer). */
    public ImageSet first(int count) {
        if (count >= size()) {
            return this;
        }
        return new ImageSet(source, channels, height, width, Arrays.copyOf(pixels, count * imageSize()),
                labels == null ? null : Arrays.copyOf(labels, count));
    }

    /** This set with labels (for example read from a separate file). */
    public ImageSet withLabels(int[] newLabels) {
        return new ImageSet(source, channels, height, width, pixels, newLabels);
    }

    /** Indices of the images whose label is (or, with {@code in} false, is not) in {@code classes}. */
    public int[] indicesWhereLabel(Set<Integer> classes, boolean in) {
        if (labels == null) {
            throw new IllegalStateException("images from " + source + " have no labels");
        }
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (classes.contains(labels[i]) == in) {
                found.add(i);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }
}
