package dev.recon.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.zip.GZIPOutputStream;

/**
 * Writes 8 x 8 bar images as IDX files for the image-command tests: bar 0 is a horizontal bar, bar 1 a
 * vertical one, each at a random row or column (seeded, so every test sees the same images).
 */
final class IdxBars {

    private IdxBars() {}

    /** Every fourth image is a vertical bar, the rest horizontal. */
    static int everyFourthVertical(int i) {
        return i % 4 == 3 ? 1 : 0;
    }

    /**
     * Writes {@code count} images as idx3 (gzipped when {@code imageFile} ends in {@code .gz}) and their
     * labels as plain idx1.
     *
     * @param barOf the bar of image {@code i}: 0 horizontal, 1 vertical
     * @param labelOf the label written for image {@code i}
     * @return the image file and the label file
     */
    static Path[] write(Path imageFile, Path labelFile, int count, IntUnaryOperator barOf, IntUnaryOperator labelOf)
            throws IOException {
        Random random = new Random(1);
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        DataOutputStream img = new DataOutputStream(images);
        img.writeInt(0x803);
        img.writeInt(count);
        img.writeInt(8);
        img.writeInt(8);
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        DataOutputStream lab = new DataOutputStream(labels);
        lab.writeInt(0x801);
        lab.writeInt(count);
        for (int i = 0; i < count; i++) {
            int bar = barOf.applyAsInt(i);
            lab.writeByte(labelOf.applyAsInt(i));
            int at = 1 + random.nextInt(6);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    img.writeByte((bar == 0 ? y == at : x == at) ? 230 : 15);
                }
            }
        }
        if (imageFile.toString().endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(imageFile))) {
                out.write(images.toByteArray());
            }
        } else {
            Files.write(imageFile, images.toByteArray());
        }
        Files.write(labelFile, labels.toByteArray());
        return new Path[] {imageFile, labelFile};
    }
}
