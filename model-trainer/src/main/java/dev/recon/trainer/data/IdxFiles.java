package dev.recon.trainer.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: {@code idx3} images and {@code idx1}
 * labels, plain or gzipped (recognised by content, not by name).
 *
 * <p>An IDX file is a big-endian header, {@code 0x00 0x00 TYPE DIMS}, then {@code DIMS} 32-bit
 * sizes, then the values. recon reads unsigned bytes ({@code TYPE} 0x08): images with
 * {@code DIMS} 3 ({@code count x rows x columns}, magic {@code 0x00000803}) and labels with
 * {@code DIMS} 1 (magic {@code 0x00000801}).
 *
 * <pre>{@code
 * ImageSet train = IdxFiles.read(Path.of("train-images-idx3-ubyte.gz"), Path.of("train-labels-idx1-ubyte.gz"));
 * }</pre>
 */
public final class IdxFiles {

    /** Magic number of an unsigned-byte, 3-dimensional IDX file (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte, 1-dimensional IDX file (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxFiles() {}

    /** Reads images and, when {@code labels} is not null, their labels. */
    public static ImageSet read(Path images, Path labels) throws IOException {
        ImageSet set = readImages(images);
        if (labels == null) {
            return set;
        }
        int[] values = readLabels(labels);
        if (values.length != set.size()) {
            throw new IllegalArgumentException(labels + " holds " + values.length + " labels but " + images
                    + " holds " + set.size() + " images; expected one label per image");
        }
        return set.withLabels(values);
    }

    /** Reads an {@code idx3} image file. */
    public static ImageSet readImages(Path file) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(readMaybeGzipped(file));
        int[] dims = header(file, data, IMAGES_MAGIC, 3, "images (idx3)");
        long expected = (long) dims[0] * dims[1] * dims[2];
        checkLength(file, data, expected, dims[0] + " images of " + dims[1] + " x " + dims[2]);
        byte[] pixels = new byte[(int) expected];
        data.get(pixels);
        return new ImageSet(file.toString(), 1, dims[1], dims[2], pixels, null);
    }

    /** Reads an {@code idx1} label file. */
    public static int[] readLabels(Path file) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(readMaybeGzipped(file));
        int[] dims = header(file, data, LABELS_MAGIC, 1, "labels (idx1)");
        checkLength(file, data, dims[0], dims[0] + " labels");
        int[] labels = new int[dims[0]];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.get() & 0xff;
        }
        return labels;
    }

    private static int[] header(Path file, ByteBuffer data, int expectedMagic, int expectedDims, String what) {
        if (data.remaining() < 4) {
            throw new IllegalArgumentException(file + " is not an IDX file: " + data.remaining()
                    + " bytes, shorter than the 4-byte magic number; expected " + what);
        }
        int magic = data.getInt();
        if (magic != expectedMagic) {
            int type = (magic >>> 8) & 0xff;
            int dims = magic & 0xff;
            String found = (magic >>> 16) != 0 ? "not an IDX file"
                    : type != 0x08 ? "an IDX file of element type 0x" + Integer.toHexString(type) + " (recon reads unsigned bytes, 0x08)"
                    : "an IDX file with " + dims + " dimensions" + (dims == 1 ? " (labels?)" : dims == 3 ? " (images?)" : "");
            throw new IllegalArgumentException(String.format(
                    "%s has magic number 0x%08x: %s; expected %s, magic 0x%08x", file, magic, found, what, expectedMagic));
        }
        if (data.remaining() < 4 * expectedDims) {
            throw new IllegalArgumentException(file + " is truncated inside its IDX header; expected " + expectedDims
                    + " dimension sizes");
        }
        int[] sizes = new int[expectedDims];
        for (int d = 0; d < expectedDims; d++) {
            sizes[d] = data.getInt();
            if (sizes[d] < 1) {
                throw new IllegalArgumentException(file + ": IDX dimension " + d + " is " + sizes[d] + "; expected >= 1");
            }
        }
        return sizes;
    }

    private static void checkLength(Path file, ByteBuffer data, long expected, String what) {
        if (data.remaining() != expected) {
            throw new IllegalArgumentException(file + ": the header announces " + what + " = " + expected
                    + " values, but " + data.remaining() + " bytes follow it"
                    + (data.remaining() < expected ? "; the file is truncated" : "; the file has trailing data"));
        }
    }

    /** The file's bytes, gunzipped when it starts with the gzip magic {@code 1f 8b}. */
    static byte[] readMaybeGzipped(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
