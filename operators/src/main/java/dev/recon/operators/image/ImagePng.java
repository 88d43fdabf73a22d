package dev.recon.operators.image;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Writes a model-scale image (values in [0, 1], {@code [channel][row][column]}) as an 8-bit PNG:
 * each value clamped to [0, 1], times 255, rounded; 1 channel as grayscale, 3 as RGB.
 */
public final class ImagePng {

    private ImagePng() {}

    /**
     * The PNG file of an image.
     *
     * @param pixels {@code channels * height * width} values in [0, 1] (others are clamped)
     * @param channels 1 or 3
     */
    public static byte[] encode(float[] pixels, int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("PNG output takes 1 or 3 channels, got " + channels);
        }
        int plane = height * width;
        if (height < 1 || width < 1 || pixels.length != (long) channels * plane) {
            throw new IllegalArgumentException(pixels.length + " values for " + channels + " x " + height + " x "
                    + width);
        }
        BufferedImage image = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = image.getRaster();
        int[] sample = new int[channels];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                for (int c = 0; c < channels; c++) {
                    sample[c] = toByte(pixels[c * plane + p]);
                }
                raster.setPixel(x, y, sample); // TYPE_3BYTE_BGR's raster bands are in R, G, B order
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + channels * plane);
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("this JVM has no PNG writer (javax.imageio)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a PNG in memory", e); // in-memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /** A [0, 1] value as an 8-bit sample. */
    static int toByte(float value) {
        float clamped = Float.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
        return Math.round(clamped * 255);
    }
}
