package dev.recon.operators.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Images and {@code images} messages for tests. */
final class TestImages {

    static final long TS = 1_763_877_354_123L;

    private TestImages() {}

    /** A gray image whose pixel (x, y) is {@code (x * 7 + y * 13) % 256}. */
    static BufferedImage grayRamp(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, gray(x, y));
            }
        }
        return image;
    }

    static int gray(int x, int y) {
        return (x * 7 + y * 13) % 256;
    }

    /** Red, green and blue of pixel (x, y) in {@link #colourRamp}. */
    static int[] rgb(int x, int y) {
        return new int[] {(x * 11) % 256, (y * 17) % 256, (x * y * 3 + 40) % 256};
    }

    /** A colour image of {@code type} (RGB or ARGB) with {@link #rgb} colours and alpha {@code (x * 9) % 256}. */
    static BufferedImage colourRamp(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] c = rgb(x, y);
                int alpha = (x * 9) % 256;
                image.setRGB(x, y, alpha << 24 | c[0] << 16 | c[1] << 8 | c[2]);
            }
        }
        return image;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code png} with its IHDR width and height replaced (and the chunk's CRC fixed), data unchanged. */
    static byte[] withDeclaredSize(byte[] png, int width, int height) {
        byte[] out = Arrays.copyOf(png, png.length);
        ByteBuffer buffer = ByteBuffer.wrap(out);
        // signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), 5 more bytes, CRC (4)
        buffer.putInt(16, width);
        buffer.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return out;
    }

    static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    static byte[] pngMessage(String sourceId, byte[] png) {
        return utf8("{\"sourceId\": \"" + sourceId + "\", \"ts\": " + TS + ", \"format\": \"png\", \"data\": \""
                + base64(png) + "\"}");
    }

    static byte[] rawMessage(String sourceId, int width, int height, int channels, byte[] pixels) {
        return utf8("{\"sourceId\": \"" + sourceId + "\", \"ts\": " + TS + ", \"format\": \"raw-u8\", \"width\": "
                + width + ", \"height\": " + height + ", \"channels\": " + channels + ", \"data\": \""
                + base64(pixels) + "\"}");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
