package dev.recon.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads images from whatever the user pointed at: an IDX file (plain or gzipped, with an optional
 * IDX label file) or a folder of PNGs (labels from class sub-folders).
 */
public final class ImageFiles {

    private ImageFiles() {}

    /**
     * Reads the images at {@code data}.
     *
     * @param labels an IDX label file for IDX images; must be null for a PNG folder
     * @param channels PNG folders only: 1 or 3, 0 for automatic
     * @param height PNG folders only: target height, 0 for the first image's
     * @param width PNG folders only: target width, 0 for the first image's
     */
    public static ImageSet read(Path data, Path labels, int channels, int height, int width) throws IOException {
        if (Files.isDirectory(data)) {
            if (labels != null) {
                throw new IllegalArgumentException("--labels applies to IDX files; the PNG folder " + data
                        + " takes its labels from class sub-folders (0/, 1/, ...)");
            }
            return PngFolder.read(data, channels, height, width);
        }
        if (!Files.exists(data)) {
            throw new java.nio.file.NoSuchFileException(data.toString());
        }
        ImageSet set = IdxFiles.read(data, labels);
        if ((channels != 0 && channels != set.channels()) || (height != 0 && height != set.height())
                || (width != 0 && width != set.width())) {
            throw new IllegalArgumentException("the IDX images in " + data + " are " + set.channels() + " x "
                    + set.height() + " x " + set.width() + " [channels, height, width], but " + channels + " x "
                    + height + " x " + width + " is required; IDX images are not resized");
        }
        return set;
    }
}
