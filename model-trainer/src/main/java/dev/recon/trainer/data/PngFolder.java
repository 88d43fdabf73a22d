package dev.recon.trainer.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads a folder of PNG images into an {@link ImageSet}, resized to one size.
 *
 * <p>Either the PNGs lie directly in the folder (no labels), or in sub-folders named by integer
 * class labels ({@code 0/}, {@code 1/}, ...), which become the images' labels. Files are read in
 * name order. Pixels are read without colour management: grayscale images by their samples
 * (scaled to 8 bits), colour images as sRGB; a colour image becomes gray by the Rec. 601 luma
 * {@code 0.299 R + 0.587 G + 0.114 B}, a gray one becomes colour by repeating its value. Alpha is
 * ignored. Resizing is bilinear (pixel centres aligned), meant for modest scale changes.
 *
 * <pre>{@code
 * ImageSet set = PngFolder.read(Path.of("images/"), 0, 0, 0); // channels and size of the first image
 * }</pre>
 */
public final class PngFolder {

    private PngFolder() {}

    /**
     * Reads every PNG.
     *
     * @param folder the folder
     * @param channels 1 or 3; 0 for 1 if every image is grayscale, else 3
     * @param height target height; 0 for the first image's
     * @param width target width; 0 for the first image's
     */
    public static ImageSet read(Path folder, int channels, int height, int width) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder; expected a folder of PNG images");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Path> direct = pngs(folder);
        List<Path> subfolders;
        try (Stream<Path> s = Files.list(folder)) {
            subfolders = s.filter(Files::isDirectory).sorted().toList();
        }
        if (!direct.isEmpty()) {
            files.addAll(direct);
        } else {
            for (Path sub : subfolders) {
                int label;
                try {
                    label = Integer.parseInt(sub.getFileName().toString());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("sub-folder " + sub + " is not named by an integer class label;"
                            + " expected PNGs directly in " + folder + " or in sub-folders 0/, 1/, ...");
                }
                for (Path png : pngs(sub)) {
                    files.add(png);
                    labels.add(label);
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .png files in " + folder + " or its class sub-folders");
        }
        List<BufferedImage> images = new ArrayList<>(files.size());
        boolean allGray = true;
        for (Path file : files) {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalArgumentException(file + " is not a readable PNG image");
            }
            allGray &= isGray(image);
            images.add(image);
        }
        int c = channels == 0 ? (allGray ? 1 : 3) : channels;
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException("image channels must be 1 or 3 (0 for automatic), got " + channels);
        }
        int h = height == 0 ? images.get(0).getHeight() : height;
        int w = width == 0 ? images.get(0).getWidth() : width;
        int size = c * h * w;
        byte[] pixels = new byte[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            float[][] planes = planes(images.get(i), c);
            for (int ch = 0; ch < c; ch++) {
                float[] resized = resize(planes[ch], images.get(i).getWidth(), images.get(i).getHeight(), w, h);
                for (int p = 0; p < h * w; p++) {
                    pixels[i * size + ch * h * w + p] = (byte) Math.max(0, Math.min(255, Math.round(resized[p])));
                }
            }
        }
        int[] labelArray = labels.isEmpty() ? null : labels.stream().mapToInt(Integer::intValue).toArray();
        return new ImageSet(folder.toString(), c, h, w, pixels, labelArray);
    }

    private static List<Path> pngs(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> Files.isRegularFile(p)
                            && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .sorted().toList();
        }
    }

    private static boolean isGray(BufferedImage image) {
        return image.getColorModel().getNumColorComponents() == 1;
    }

    /** The image's channels as 0..255 values, row-major. */
    private static float[][] planes(BufferedImage image, int channels) {
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
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (channels == 1) {
                    out[0][y * w + x] = (float) (0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    out[0][y * w + x] = r;
                    out[1][y * w + x] = g;
                    out[2][y * w + x] = b;
                }
            }
        }
        return out;
    }

    /** Bilinear resize of one row-major plane, pixel centres aligned. */
    static float[] resize(float[] src, int sw, int sh, int dw, int dh) {
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
}
