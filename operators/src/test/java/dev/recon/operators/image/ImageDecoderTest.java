package dev.recon.operators.image;

import static dev.recon.operators.image.TestImages.TS;
import static dev.recon.operators.image.TestImages.base64;
import static dev.recon.operators.image.TestImages.png;
import static dev.recon.operators.image.TestImages.pngMessage;
import static dev.recon.operators.image.TestImages.rawMessage;
import static dev.recon.operators.image.TestImages.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RecordRejectedException;
import dev.recon.operators.types.ScaledImage;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests for {@link ImageDecoder}: every format and conversion, and every kind of bad input. */
class ImageDecoderTest {

    private static final ImageShape GRAY_8 = new ImageShape(1, 8, 8);
    private static final ImageShape RGB_8 = new ImageShape(3, 8, 8);
    private static final int LIMIT = 1 << 16;
    private static final int MAX_PIXELS = 4096;

    private static ScaledImage decode(ImageShape shape, byte[] payload) throws RecordRejectedException {
        return new ImageDecoder(shape, LIMIT, MAX_PIXELS).decode(payload, "images/0@7");
    }

    private static float unit(int value) {
        return value / 255f;
    }

    // -- formats and conversions -------------------------------------------------------------------

    @Test
    void aGrayPngOfTheModelsSizeIsItsPixelsOver255() throws Exception {
        ScaledImage image = decode(GRAY_8, pngMessage("camera-3", png(TestImages.grayRamp(8, 8))));
        assertThat(image.sourceId()).isEqualTo("camera-3");
        assertThat(image.ts()).isEqualTo(TS);
        assertThat(image.origin()).isEqualTo("images/0@7");
        assertThat(image.pixels()).hasSize(64);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                assertThat(image.pixels()[y * 8 + x]).as("(%d, %d)", x, y).isEqualTo(unit(TestImages.gray(x, y)));
            }
        }
    }

    @Test
    void anRgbPngBecomesGrayByRec601Luma() throws Exception {
        ScaledImage image = decode(GRAY_8, pngMessage("c", png(
                TestImages.colourRamp(8, 8, BufferedImage.TYPE_INT_RGB))));
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int[] c = TestImages.rgb(x, y);
                int luma = (int) Math.round(0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]);
                assertThat(image.pixels()[y * 8 + x]).as("(%d, %d)", x, y).isEqualTo(unit(luma));
            }
        }
    }

    @Test
    void anRgbaPngKeepsItsColoursAndDropsAlpha() throws Exception {
        ScaledImage image = decode(RGB_8, pngMessage("c", png(
                TestImages.colourRamp(8, 8, BufferedImage.TYPE_INT_ARGB))));
        assertThat(image.pixels()).hasSize(3 * 64);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int[] c = TestImages.rgb(x, y); // alpha is 0 in column 0: the colour is still used
                for (int ch = 0; ch < 3; ch++) {
                    assertThat(image.pixels()[ch * 64 + y * 8 + x]).as("channel %d at (%d, %d)", ch, x, y)
                            .isEqualTo(unit(c[ch]));
                }
            }
        }
    }

    @Test
    void aGrayPngBecomesRgbByRepeatingItsValue() throws Exception {
        ScaledImage image = decode(RGB_8, pngMessage("c", png(TestImages.grayRamp(8, 8))));
        float[] p = image.pixels();
        assertThat(Arrays.copyOfRange(p, 0, 64)).containsExactly(Arrays.copyOfRange(p, 64, 128))
                .containsExactly(Arrays.copyOfRange(p, 128, 192));
        assertThat(p[3 * 8 + 5]).isEqualTo(unit(TestImages.gray(5, 3)));
    }

    @Test
    void a16BitGrayPngIsScaledTo8Bits() throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(0, 0, 0, 65535);
        image.getRaster().setSample(1, 0, 0, 32768); // 127.502 -> 128
        image.getRaster().setSample(2, 0, 0, 257); // exactly 1
        float[] p = decode(GRAY_8, pngMessage("c", png(image))).pixels();
        assertThat(p[0]).isEqualTo(1f);
        assertThat(p[1]).isEqualTo(unit(128));
        assertThat(p[2]).isEqualTo(unit(1));
        assertThat(p[3]).isZero();
    }

    @Test
    void rawGrayPixelsAreRowMajor() throws Exception {
        byte[] pixels = new byte[64];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 4);
        }
        float[] p = decode(GRAY_8, rawMessage("c", 8, 8, 1, pixels)).pixels();
        for (int i = 0; i < 64; i++) {
            assertThat(p[i]).isEqualTo(unit((i * 4) & 0xff));
        }
    }

    @Test
    void rawInterleavedRgbaIsSplitIntoPlanesWithoutAlpha() throws Exception {
        byte[] pixels = new byte[64 * 4];
        for (int p = 0; p < 64; p++) {
            pixels[4 * p] = (byte) p;
            pixels[4 * p + 1] = (byte) (100 + p);
            pixels[4 * p + 2] = (byte) (200 - p);
            pixels[4 * p + 3] = 0;
        }
        float[] out = decode(RGB_8, rawMessage("c", 8, 8, 4, pixels)).pixels();
        for (int p = 0; p < 64; p++) {
            assertThat(new float[] {out[p], out[64 + p], out[128 + p]})
                    .containsExactly(unit(p), unit(100 + p), unit(200 - p));
        }
        // the same colours as RGB, to a gray model
        byte[] rgb = new byte[64 * 3];
        for (int p = 0; p < 64; p++) {
            System.arraycopy(pixels, 4 * p, rgb, 3 * p, 3);
        }
        float[] gray = decode(GRAY_8, rawMessage("c", 8, 8, 3, rgb)).pixels();
        assertThat(gray[10]).isEqualTo(unit((int) Math.round(0.299 * 10 + 0.587 * 110 + 0.114 * 190)));
    }

    @Test
    void rawGrayWithAlphaUsesTheGraySample() throws Exception {
        byte[] pixels = new byte[64 * 2];
        for (int p = 0; p < 64; p++) {
            pixels[2 * p] = (byte) (3 * p);
            pixels[2 * p + 1] = (byte) 255;
        }
        float[] out = decode(RGB_8, rawMessage("c", 8, 8, 2, pixels)).pixels();
        assertThat(out[5]).isEqualTo(unit(15));
        assertThat(out[64 + 5]).isEqualTo(unit(15));
    }

    @Test
    void imagesOfAnotherSizeAreResizedBilinearly() throws Exception {
        // 16 x 16 made of 2 x 2 blocks: halving it (centres aligned) averages each block, which is constant
        byte[] big = new byte[256];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                big[y * 16 + x] = (byte) TestImages.gray(x / 2, y / 2);
            }
        }
        float[] down = decode(GRAY_8, rawMessage("c", 16, 16, 1, big)).pixels();
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                assertThat(down[y * 8 + x]).as("(%d, %d)", x, y).isEqualTo(unit(TestImages.gray(x, y)));
            }
        }
        // 4 x 4 of a constant grows to 8 x 8 of the same constant; a gradient stays monotone
        byte[] small = new byte[16];
        Arrays.fill(small, (byte) 77);
        float[] up = decode(GRAY_8, rawMessage("c", 4, 4, 1, small)).pixels();
        for (float v : up) {
            assertThat(v).isEqualTo(unit(77));
        }
        byte[] ramp = new byte[16];
        for (int i = 0; i < 16; i++) {
            ramp[i] = (byte) ((i % 4) * 80);
        }
        float[] grown = decode(GRAY_8, rawMessage("c", 4, 4, 1, ramp)).pixels();
        for (int x = 1; x < 8; x++) {
            assertThat(grown[x]).isGreaterThanOrEqualTo(grown[x - 1]);
        }
        assertThat(grown[0]).isZero();
        assertThat(grown[7]).isEqualTo(unit(240));
    }

    @Test
    void optionalFieldsThatAgreeWithThePngAreAcceptedAndExtraFieldsIgnored() throws Exception {
        String data = base64(png(TestImages.grayRamp(8, 8)));
        ScaledImage image = decode(GRAY_8, utf8("{\"sourceId\": \"c\", \"ts\": \"2025-11-23T05:55:54.123Z\","
                + " \"format\": \"png\", \"width\": 8, \"height\": 8.0, \"channels\": 1, \"label\": 3,"
                + " \"data\": \"" + data + "\"}"));
        assertThat(image.ts()).isEqualTo(1_763_877_354_123L);
    }

    // -- bad input ---------------------------------------------------------------------------------

    static Stream<Arguments> badMessages() {
        String gray = base64(png(TestImages.grayRamp(8, 8)));
        String raw64 = base64(new byte[64]);
        String head = "{\"sourceId\": \"c\", \"ts\": 5, ";
        byte[] pngBytes = png(TestImages.grayRamp(8, 8));
        return Stream.of(
                bad(null, DeadLetterReason.EMPTY_PAYLOAD, "no value"),
                bad("", DeadLetterReason.EMPTY_PAYLOAD, "empty"),
                bad("{\"sourceId\": \"" + "x".repeat(LIMIT) + "\"}", DeadLetterReason.OVERSIZED, "over the limit"),
                bad("{\"sourceId\": \"c\", \"ts\": ", DeadLetterReason.INVALID_JSON, "not valid JSON"),
                bad("[1, 2]", DeadLetterReason.INVALID_JSON, "an array"),
                bad(head + "\"format\": \"png\", \"data\": \"" + gray + "\", \"data\": \"x\"}",
                        DeadLetterReason.INVALID_JSON, "Duplicate field 'data'"),
                bad("{\"ts\": 5, \"format\": \"png\", \"data\": \"" + gray + "\"}", DeadLetterReason.MISSING_FIELD,
                        "'sourceId' is missing"),
                bad("{\"sourceId\": \"c\", \"format\": \"png\", \"data\": \"" + gray + "\"}",
                        DeadLetterReason.MISSING_FIELD, "'ts' is missing"),
                bad(head + "\"data\": \"" + gray + "\"}", DeadLetterReason.MISSING_FIELD, "'format' is missing"),
                bad(head + "\"format\": \"png\"}", DeadLetterReason.MISSING_FIELD, "'data' is missing"),
                bad("{\"sourceId\": 7, \"ts\": 5, \"format\": \"png\", \"data\": \"" + gray + "\"}",
                        DeadLetterReason.INVALID_FIELD, "'sourceId' is a number (7)"),
                bad("{\"sourceId\": \"c\", \"ts\": -1, \"format\": \"png\", \"data\": \"" + gray + "\"}",
                        DeadLetterReason.INVALID_FIELD, "'ts' is -1"),
                bad(head + "\"format\": \"jpeg\", \"data\": \"" + gray + "\"}", DeadLetterReason.INVALID_FIELD,
                        "'format' is a string (\"jpeg\"); expected \"png\" or \"raw-u8\""),
                bad(head + "\"format\": \"png\", \"data\": 42}", DeadLetterReason.INVALID_FIELD, "'data' is a number"),
                bad(head + "\"format\": \"png\", \"data\": \"\"}", DeadLetterReason.INVALID_FIELD, "empty string"),
                bad(head + "\"format\": \"png\", \"data\": \"not base64!\"}", DeadLetterReason.INVALID_FIELD,
                        "not valid base64"),
                bad(head + "\"format\": \"png\", \"data\": \"" + base64(utf8("GIF89a....")) + "\"}",
                        DeadLetterReason.UNDECODABLE_IMAGE, "PNG signature"),
                bad(head + "\"format\": \"png\", \"data\": \""
                        + base64(Arrays.copyOf(pngBytes, pngBytes.length / 2)) + "\"}",
                        DeadLetterReason.UNDECODABLE_IMAGE, "not a readable PNG"),
                bad(head + "\"format\": \"png\", \"width\": 9, \"data\": \"" + gray + "\"}",
                        DeadLetterReason.INVALID_FIELD, "the message says 'width' 9 but the PNG is 8 x 8"),
                bad(head + "\"format\": \"png\", \"channels\": 3, \"data\": \"" + gray + "\"}",
                        DeadLetterReason.INVALID_FIELD, "the PNG has 1"),
                bad(head + "\"format\": \"raw-u8\", \"width\": 8, \"channels\": 1, \"data\": \"" + raw64 + "\"}",
                        DeadLetterReason.MISSING_FIELD, "'height' is missing"),
                bad(head + "\"format\": \"raw-u8\", \"width\": 0, \"height\": 8, \"channels\": 1, \"data\": \""
                        + raw64 + "\"}", DeadLetterReason.INVALID_FIELD, "'width' is 0; expected a whole number >= 1"),
                bad(head + "\"format\": \"raw-u8\", \"width\": -8, \"height\": 8, \"channels\": 1, \"data\": \""
                        + raw64 + "\"}", DeadLetterReason.INVALID_FIELD, "'width' is -8"),
                bad(head + "\"format\": \"raw-u8\", \"width\": 8.5, \"height\": 8, \"channels\": 1, \"data\": \""
                        + raw64 + "\"}", DeadLetterReason.INVALID_FIELD, "'width' is 8.5"),
                bad(head + "\"format\": \"raw-u8\", \"width\": \"8\", \"height\": 8, \"channels\": 1, \"data\": \""
                        + raw64 + "\"}", DeadLetterReason.INVALID_FIELD, "'width' is a string"),
                bad(head + "\"format\": \"raw-u8\", \"width\": 8, \"height\": 8, \"channels\": 5, \"data\": \""
                        + raw64 + "\"}", DeadLetterReason.INVALID_FIELD, "'channels' is 5"),
                bad(head + "\"format\": \"raw-u8\", \"width\": 8, \"height\": 8, \"channels\": 3, \"data\": \""
                        + raw64 + "\"}", DeadLetterReason.UNDECODABLE_IMAGE, "holds 64 bytes but width 8 x height 8"
                        + " x channels 3 needs 192"),
                bad(head + "\"format\": \"raw-u8\", \"width\": 100000, \"height\": 100000, \"channels\": 1, "
                        + "\"data\": \"" + raw64 + "\"}", DeadLetterReason.IMAGE_TOO_LARGE,
                        "100000 x 100000 = 10000000000 pixels, over the limit of " + MAX_PIXELS),
                bad(head + "\"format\": \"raw-u8\", \"width\": 1e12, \"height\": 1, \"channels\": 1, "
                        + "\"data\": \"" + raw64 + "\"}", DeadLetterReason.IMAGE_TOO_LARGE, "beyond any image size"));
    }

    private static Arguments bad(String payload, DeadLetterReason reason, String detail) {
        return Arguments.of(payload, reason, detail);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("badMessages")
    void rejectsBadInputWithItsReasonAndASentenceSayingWhy(String payload, DeadLetterReason reason, String detail) {
        ThrowingCallable decoding = () -> decode(GRAY_8, payload == null ? null : utf8(payload));
        assertThatThrownBy(decoding)
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(detail);
    }

    @Test
    void aPngDeclaringAHugeSizeIsRejectedFromItsHeaderWithoutDecoding() {
        byte[] bomb = TestImages.withDeclaredSize(png(TestImages.grayRamp(8, 8)), 200_000, 200_000);
        assertThatThrownBy(() -> decode(GRAY_8, pngMessage("c", bomb)))
                .isInstanceOfSatisfying(RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.IMAGE_TOO_LARGE))
                .hasMessageContaining("the PNG is 200000 x 200000");
        // the limit is on width x height: one pixel over it is rejected too
        byte[] small = TestImages.withDeclaredSize(png(TestImages.grayRamp(8, 8)), 8, 8);
        assertThatThrownBy(() -> new ImageDecoder(GRAY_8, LIMIT, 63).decode(pngMessage("c", small), "o"))
                .isInstanceOfSatisfying(RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.IMAGE_TOO_LARGE));
    }

    @Test
    void aLargePayloadWithinTheLimitParses() throws Exception {
        // Jackson's default string limit is 20 M characters; the decoder allows what the payload limit allows
        int side = 2048;
        byte[] pixels = new byte[side * side * 4];
        ImageDecoder decoder = new ImageDecoder(GRAY_8, 24 << 20, side * side);
        ScaledImage image = decoder.decode(rawMessage("c", side, side, 4, pixels), "o");
        assertThat(image.pixels()).hasSize(64).containsOnly(0f);
    }

    @Test
    void rejectsInvalidLimits() {
        assertThatThrownBy(() -> new ImageDecoder(GRAY_8, 0, 10)).hasMessageContaining("maxPayloadBytes");
        assertThatThrownBy(() -> new ImageShape(2, 8, 8)).hasMessageContaining("1 (gray) or 3 (RGB)");
        assertThatThrownBy(() -> new ImageShape(1, 0, 8)).hasMessageContaining("1 x 1");
    }
}
