package dev.recon.cli.produce;

import dev.recon.trainer.data.ImageSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Encodes one image of an {@link ImageSet} as an {@code images} message (ARCHITECTURE.md):
 * {@code {"sourceId", "ts", "format": "png"|"raw-u8", "width", "height", "channels", "data": base64}},
 * plus {@code "label"} when the set is labelled (an additive field consumers may ignore).
 *
 * <p>{@code raw-u8} pixels are row-major with channels interleaved (RGBRGB...), as cameras and image
 * libraries write them; the set stores them channel-planar, so they are reordered here.
 */
public final class ImageMessageEncoder {

    /** Image encodings of the {@code images} topic. */
    public enum Format {
        /** A PNG file. */
        PNG,
        /** Raw 8-bit pixels with width, height and channels. */
        RAW_U8;

        /** The name in messages and on the command line. */
        public String wireName() {
            return this == PNG ? "png" : "raw-u8";
        }

        /** Parses {@code png} or {@code raw-u8}. */
        public static Format parse(String text) {
            for (Format f : values()) {
                if (f.wireName().equals(text)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("invalid --image-format: '" + text + "' (expected png or raw-u8)");
        }
    }

    private final ImageSet images;
    private final String sourceIdJson;
    private final Format format;

    /** An encoder for the images of {@code images}, published as {@code sourceId}. */
    public ImageMessageEncoder(ImageSet images, String sourceId, Format format) {
        if (sourceId == null || sourceId.isBlank()) {
            throw new IllegalArgumentException("source id must be non-empty");
        }
        this.images = images;
        this.sourceIdJson = SensorReadingEncoder.quote(sourceId);
        this.format = format;
    }

    /** The message of image {@code index}, stamped {@code ts}. */
    public byte[] encode(int index, long ts) {
        byte[] data = format == Format.PNG ? png(index) : interleaved(index);
        StringBuilder b = new StringBuilder(64 + data.length * 4 / 3);
        b.append("{\"sourceId\":").append(sourceIdJson).append(",\"ts\":").append(ts)
                .append(",\"format\":\"").append(format.wireName()).append('"')
                .append(",\"width\":").append(images.width())
                .append(",\"height\":").append(images.height())
                .append(",\"channels\":").append(images.channels());
        if (images.labelled()) {
            b.append(",\"label\":").append(images.labels()[index]);
        }
        b.append(",\"data\":\"").append(Base64.getEncoder().encodeToString(data)).append("\"}");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Pixels of image {@code index}, row-major, channels interleaved. */
    byte[] interleaved(int index) {
        int c = images.channels();
        int plane = images.height() * images.width();
        int base = index * images.imageSize();
        byte[] out = new byte[plane * c];
        for (int p = 0; p < plane; p++) {
            for (int k = 0; k < c; k++) {
                out[p * c + k] = images.pixels()[base + k * plane + p];
            }
        }
        return out;
    }

    private byte[] png(int index) {
        int w = images.width();
        int h = images.height();
        boolean gray = images.channels() == 1;
        BufferedImage image = new BufferedImage(w, h, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        byte[] px = interleaved(index);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (gray) {
                    image.getRaster().setSample(x, y, 0, px[p] & 0xff);
                } else {
                    int rgb = (px[3 * p] & 0xff) << 16 | (px[3 * p + 1] & 0xff) << 8 | (px[3 * p + 2] & 0xff);
                    image.setRGB(x, y, rgb);
                }
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode image " + index + " of " + images.source() + " as PNG", e);
        }
        return bytes.toByteArray();
    }
}
