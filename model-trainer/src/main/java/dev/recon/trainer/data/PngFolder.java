package dev.recon.trainer.data;

import dev.recon.model.image.PixelConversion;
import java.awt.image.BufferedImage;
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
 * name order. Pixels are converted by {@link PixelConversion}, as the streaming image job converts
 * them: without colour management, alpha ignored, gray and colour by the Rec. 601 luma, bilinear
 * resizing meant for modest scale changes; then rounded to 8 bits.
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
            allGray &= PixelConversion.isGray(image);
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
            float[][] planes = PixelConversion.planes(images.get(i), c);
            for (int ch = 0; ch < c; ch++) {
                float[] resized = PixelConversion.resize(planes[ch], images.get(i).getWidth(),
                        images.get(i).getHeight(), w, h);
                for (int p = 0; p < h * w; p++) {
                    pixels[i * size + ch * h * w + p] = (byte) PixelConversion.to8Bit(resized[p]);
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
}
