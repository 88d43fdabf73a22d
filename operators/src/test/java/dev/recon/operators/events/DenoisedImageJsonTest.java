package dev.recon.operators.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.operators.types.DenoisedImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Tests for {@link DenoisedImageJson}: the message and the PNG inside it. */
class DenoisedImageJsonTest {

    private static DenoisedImage image(int channels, int height, int width) {
        float[] pixels = new float[channels * height * width];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % 17) / 16f;
        }
        pixels[0] = -0.2f; // clamped to 0
        pixels[1] = 1.3f; // clamped to 1
        return new DenoisedImage("camera-3", 1234L, channels, height, width, pixels, "fashion", "2");
    }

    private static BufferedImage png(JsonNode root) throws Exception {
        byte[] data = Base64.getDecoder().decode(root.get("data").asText());
        return ImageIO.read(new ByteArrayInputStream(data));
    }

    @Test
    void grayReconstructionsAreAGrayPngOfTheModelsSize() throws Exception {
        DenoisedImage d = image(1, 4, 6);
        JsonNode root = new ObjectMapper().readTree(DenoisedImageJson.encode(d));
        assertThat(root.get("sourceId").asText()).isEqualTo("camera-3");
        assertThat(root.get("ts").asLong()).isEqualTo(1234L);
        assertThat(root.get("model").asText()).isEqualTo("fashion");
        assertThat(root.get("modelVersion").asText()).isEqualTo("2");
        assertThat(root.get("format").asText()).isEqualTo("png");
        assertThat(root.get("width").asInt()).isEqualTo(6);
        assertThat(root.get("height").asInt()).isEqualTo(4);
        assertThat(root.get("channels").asInt()).isEqualTo(1);
        BufferedImage png = png(root);
        assertThat(png.getWidth()).isEqualTo(6);
        assertThat(png.getHeight()).isEqualTo(4);
        assertThat(png.getColorModel().getNumComponents()).isEqualTo(1);
        assertThat(png.getRaster().getSample(0, 0, 0)).isZero();
        assertThat(png.getRaster().getSample(1, 0, 0)).isEqualTo(255);
        for (int p = 2; p < 24; p++) {
            assertThat(png.getRaster().getSample(p % 6, p / 6, 0) / 255.0).isCloseTo(d.pixels()[p], within(0.501 / 255));
        }
    }

    @Test
    void rgbReconstructionsKeepTheirChannelOrder() throws Exception {
        DenoisedImage d = image(3, 2, 2);
        BufferedImage png = png(new ObjectMapper().readTree(DenoisedImageJson.encode(d)));
        assertThat(png.getColorModel().getNumComponents()).isEqualTo(3);
        for (int p = 2; p < 4; p++) {
            int rgb = png.getRGB(p % 2, p / 2);
            assertThat(((rgb >> 16) & 0xff) / 255.0).isCloseTo(d.pixels()[p], within(0.501 / 255));
            assertThat(((rgb >> 8) & 0xff) / 255.0).isCloseTo(d.pixels()[4 + p], within(0.501 / 255));
            assertThat((rgb & 0xff) / 255.0).isCloseTo(d.pixels()[8 + p], within(0.501 / 255));
        }
    }
}
