package dev.recon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.operators.image.ImageDecoder;
import dev.recon.operators.image.ImageShape;
import dev.recon.trainer.data.ImageSet;
import dev.recon.trainer.data.PngFolder;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming conversion ({@link ImageDecoder}) gives exactly the model input the offline path
 * gives ({@link PngFolder} and {@link ImageSet#scaled}, what {@code recon train} and
 * {@code recon score} use), float for float: for every PNG kind, to gray and to RGB models, at the
 * model's size and resized.
 */
class ImageConversionMatchesOfflineTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("gray", BufferedImage.TYPE_BYTE_GRAY, 28, 28, new ImageShape(1, 28, 28)),
                Arguments.of("gray-resized", BufferedImage.TYPE_BYTE_GRAY, 37, 23, new ImageShape(1, 28, 28)),
                Arguments.of("gray16-resized", BufferedImage.TYPE_USHORT_GRAY, 20, 20, new ImageShape(1, 28, 28)),
                Arguments.of("rgb-to-gray", BufferedImage.TYPE_INT_RGB, 28, 28, new ImageShape(1, 28, 28)),
                Arguments.of("rgba-to-gray-resized", BufferedImage.TYPE_INT_ARGB, 64, 48, new ImageShape(1, 28, 28)),
                Arguments.of("rgb", BufferedImage.TYPE_INT_RGB, 32, 32, new ImageShape(3, 32, 32)),
                Arguments.of("rgba-resized", BufferedImage.TYPE_INT_ARGB, 50, 41, new ImageShape(3, 32, 32)),
                Arguments.of("gray-to-rgb-resized", BufferedImage.TYPE_BYTE_GRAY, 17, 30, new ImageShape(3, 32, 32)),
                Arguments.of("palette-to-gray", BufferedImage.TYPE_BYTE_INDEXED, 28, 28, new ImageShape(1, 28, 28)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aPngDecodedFromTheStreamIsTheModelInputTheOfflineScorerSees(String name, int type, int width, int height,
            ImageShape shape) throws Exception {
        BufferedImage image = randomImage(type, width, height, name.hashCode());
        byte[] png = png(image);
        Path folder = Files.createDirectories(tmp.resolve(name));
        Files.write(folder.resolve("0.png"), png);

        ImageSet offline = PngFolder.read(folder, shape.channels(), shape.height(), shape.width());
        float[] expected = offline.scaled(new int[] {0});

        byte[] message = ("{\"sourceId\": \"cam\", \"ts\": 1, \"format\": \"png\", \"data\": \""
                + Base64.getEncoder().encodeToString(png) + "\"}").getBytes(StandardCharsets.UTF_8);
        float[] streamed = new ImageDecoder(shape, 1 << 20, 1 << 20).decode(message, "images/0@0").pixels();

        assertThat(streamed).containsExactly(expected);
    }

    @Test
    void rawPixelsOfAnIdxImageAreTheModelInputTheOfflineScorerSees() throws Exception {
        // What recon produce --images --image-format raw-u8 sends for an IDX image: its bytes, unchanged.
        byte[] pixels = new byte[28 * 28];
        new Random(5).nextBytes(pixels);
        ImageSet offline = new ImageSet("idx", 1, 28, 28, pixels, null);
        byte[] message = ("{\"sourceId\": \"cam\", \"ts\": 1, \"format\": \"raw-u8\", \"width\": 28, \"height\": 28,"
                + " \"channels\": 1, \"data\": \"" + Base64.getEncoder().encodeToString(pixels) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        float[] streamed = new ImageDecoder(new ImageShape(1, 28, 28), 1 << 20, 1 << 20).decode(message, "o").pixels();
        assertThat(streamed).containsExactly(offline.scaled(new int[] {0}));
    }

    private static BufferedImage randomImage(int type, int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = type == BufferedImage.TYPE_BYTE_INDEXED
                ? new BufferedImage(width, height, type, palette(random))
                : new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_USHORT_GRAY) {
                    int max = type == BufferedImage.TYPE_BYTE_GRAY ? 255 : 65535;
                    image.getRaster().setSample(x, y, 0, random.nextInt(max + 1));
                } else if (type == BufferedImage.TYPE_BYTE_INDEXED) {
                    image.getRaster().setSample(x, y, 0, random.nextInt(16));
                } else {
                    image.setRGB(x, y, random.nextInt());
                }
            }
        }
        return image;
    }

    private static IndexColorModel palette(Random random) {
        byte[] r = new byte[16];
        byte[] g = new byte[16];
        byte[] b = new byte[16];
        random.nextBytes(r);
        random.nextBytes(g);
        random.nextBytes(b);
        return new IndexColorModel(4, 16, r, g, b);
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
