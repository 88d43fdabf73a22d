package dev.recon.model.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Turns decoded pixels into a model's input: the one conversion both {@code recon train} and
 * {@code recon score} (PNG folders, {@code dev.recon.trainer.data.PngFolder}) and the streaming image
 * decoder ({@code dev.recon.operators.image.ImageDecoder}) use, so streamed and offline scores of one
 * image agree exactly.
 *
 * <ol>
 *   <li>Channels, as 0..255 values. A grayscale source (1 colour component; alpha ignored) is read by
 *       its samples scaled to 8 bits ({@code sample * 255 / (2^bits - 1)}); a colour source (RGB, RGBA,
 *       palette) as sRGB with alpha ignored (not composited). Gray becomes colour by repeating its
 *       value; colour becomes gray by the Rec. 601 luma {@code 0.299 R + 0.587 G + 0.114 B}.</li>
 *   <li>Size: bilinear interpolation with pixel centres aligned, each output pixel a blend of the
 *       (up to) four nearest source pixels, edges clamped. Meant for modest scale changes: a large
 *       downscale skips source pixels (aliasing), so resize far larger images upstream.</li>
 *   <li>8 bits: each value is rounded and clamped to 0..255, as offline images are stored, then
 *       divided by 255 into [0, 1] (the bundle's {@code unit} scaling).</li>
 * </ol>
 *
 * <p>Images are flattened channel-major, {@code [channel][row][column]}. Stateless and thread-safe.
 */
public final class PixelConversion {

    /** Rec. 601 luma weight of red. */
    public static final double LUMA_RED = 0.299;
    /** Rec. 601 luma weight of green. */
    public static final double LUMA_GREEN = 0.587;
    /** Rec. 601 luma weight of blue. */
    public static final double LUMA_BLUE = 0.114;

    private PixelConversion() {}

    /** Whether an image has one colour component (gray, with or without alpha). */
    public static boolean isGray(BufferedImage image) {
        return image.getColorModel().getNumColorComponents() == 1;
    }

    /**
     * The image's pixels as {@code channels} planes of 0..255 values, row-major.
     *
     * @param channels 1 or 3
     */
    public static float[][] planes(BufferedImage image, int channels) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[][] out = new float[channels][w * h];
        if (isGray(image)) {
            Raster raster = image.getRaster();
            double max = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = (float) (raster.getSample(x, y, 0) * 255.0 / max);
                    for (int c = 0; c < channels; c++) {
                        out[c][y * w + x] = v;
                    }
                }
            }
            return out;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                setColour(out, y * w + x, (rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
            }
        }
        return out;
    }

    /**
     * Raw 8-bit pixels as {@code channels} planes of 0..255 values, row-major.
     *
     * @param interleaved row-major pixels with their samples together: gray (1 sample), gray and alpha
     *     (2), RGB (3) or RGBA (4)
     * @param sourceChannels samples per pixel in {@code interleaved}, 1 to 4
     * @param channels planes wanted, 1 or 3
     */
    public static float[][] planes(byte[] interleaved, int width, int height, int sourceChannels, int channels) {
        if (sourceChannels < 1 || sourceChannels > 4) {
            throw new IllegalArgumentException("raw pixels have 1 to 4 samples, got " + sourceChannels);
        }
        int plane = width * height;
        if (interleaved.length != (long) plane * sourceChannels) {
            throw new IllegalArgumentException(interleaved.length + " bytes are not " + width + " x " + height + " x "
                    + sourceChannels + " pixels");
        }
        float[][] out = new float[channels][plane];
        for (int p = 0; p < plane; p++) {
            int i = p * sourceChannels;
            if (sourceChannels <= 2) {
                float v = interleaved[i] & 0xff;
                for (int c = 0; c < channels; c++) {
                    out[c][p] = v;
                }
            } else {
                setColour(out, p, interleaved[i] & 0xff, interleaved[i + 1] & 0xff, interleaved[i + 2] & 0xff);
            }
        }
        return out;
    }

    private static void setColour(float[][] out, int p, int r, int g, int b) {
        if (out.length == 1) {
            out[0][p] = (float) (LUMA_RED * r + LUMA_GREEN * g + LUMA_BLUE * b);
        } else {
            out[0][p] = r;
            out[1][p] = g;
            out[2][p] = b;
        }
    }

    /**
     * Bilinear resize of one row-major plane, pixel centres aligned; returns {@code src} itself when
     * the size does not change.
     */
    public static float[] resize(float[] src, int sw, int sh, int dw, int dh) {
        if (sw == dw && sh == dh) {
            return src;
        }
        float[] out = new float[dw * dh];
        for (int y = 0; y < dh; y++) {
            double sy = Math.max(0, Math.min(sh - 1, (y + 0.5) * sh / dh - 0.5));
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, sh - 1);
            double fy = sy - y0;
            for (int x = 0; x < dw; x++) {
                double sx = Math.max(0, Math.min(sw - 1, (x + 0.5) * sw / dw - 0.5));
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(x0 + 1, sw - 1);
                double fx = sx - x0;
                double top = src[y0 * sw + x0] * (1 - fx) + src[y0 * sw + x1] * fx;
                double bottom = src[y1 * sw + x0] * (1 - fx) + src[y1 * sw + x1] * fx;
                out[y * dw + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    /** A 0..255 value rounded and clamped to 8 bits, as offline images are stored. */
    public static int to8Bit(float value) {
        return Math.max(0, Math.min(255, Math.round(value)));
    }

    /**
     * The model input for planes of 0..255 values: each plane resized to {@code height x width},
     * rounded to 8 bits and divided by 255.
     *
     * @param planes {@code channels} planes of {@code sourceWidth * sourceHeight} values
     * @param channels the model's channels, 1 or 3
     * @param height the model's image height
     * @param width the model's image width
     * @return {@code channels * height * width} values in [0, 1], {@code [channel][row][column]}
     */
    public static float[] toModelInput(float[][] planes, int sourceWidth, int sourceHeight, int channels, int height,
            int width) {
        if (planes.length != channels) {
            throw new IllegalArgumentException(planes.length + " planes for a " + channels + "-channel model");
        }
        int pixels = height * width;
        float[] out = new float[channels * pixels];
        for (int c = 0; c < planes.length; c++) {
            float[] resized = resize(planes[c], sourceWidth, sourceHeight, width, height);
            for (int p = 0; p < pixels; p++) {
                out[c * pixels + p] = to8Bit(resized[p]) / 255f;
            }
        }
        return out;
    }
}
