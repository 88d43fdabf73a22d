package dev.recon.cli.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.trainer.data.ImageSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Tests for {@link ImageMessageEncoder}. */
class ImageMessageEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Two RGB images of 2 x 3 pixels, channel-planar as ImageSet stores them. */
    private static ImageSet rgb() {
        byte[] pixels = new byte[2 * 3 * 6];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 5);
        }
        return new ImageSet("test", 3, 2, 3, pixels, new int[] {4, 7});
    }

    @Test
    void rawPixelsAreRowMajorWithInterleavedChannels() throws Exception {
        ImageSet set = rgb();
        JsonNode m = JSON.readTree(new ImageMessageEncoder(set, "cam-1", ImageMessageEncoder.Format.RAW_U8).encode(1, 99));
        assertThat(m.get("sourceId").asText()).isEqualTo("cam-1");
        assertThat(m.get("ts").asLong()).isEqualTo(99);
        assertThat(m.get("format").asText()).isEqualTo("raw-u8");
        assertThat(m.get("width").asInt()).isEqualTo(3);
        assertThat(m.get("height").asInt()).isEqualTo(2);
        assertThat(m.get("channels").asInt()).isEqualTo(3);
        assertThat(m.get("label").asInt()).isEqualTo(7);
        byte[] data = Base64.getDecoder().decode(m.get("data").asText());
        assertThat(data).hasSize(18);
        // pixel (row 0, col 1) of image 1: planes start at 18, 24, 30; offset 1 in each plane
        assertThat(new byte[] {data[3], data[4], data[5]})
                .containsExactly(set.pixels()[19], set.pixels()[25], set.pixels()[31]);
    }

    @Test
    void pngHoldsTheSamePixels() throws Exception {
        ImageSet set = rgb();
        JsonNode m = JSON.readTree(new ImageMessageEncoder(set, "cam-1", ImageMessageEncoder.Format.PNG).encode(0, 1));
        assertThat(m.get("format").asText()).isEqualTo("png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.get("data").asText())));
        assertThat(image.getWidth()).isEqualTo(3);
        assertThat(image.getHeight()).isEqualTo(2);
        int rgb = image.getRGB(2, 1); // pixel 5 of each plane
        assertThat((rgb >> 16) & 0xff).isEqualTo(set.pixels()[5] & 0xff);
        assertThat((rgb >> 8) & 0xff).isEqualTo(set.pixels()[11] & 0xff);
        assertThat(rgb & 0xff).isEqualTo(set.pixels()[17] & 0xff);
    }

    @Test
    void grayscaleWithoutLabelsAndBadFormats() throws Exception {
        ImageSet gray = new ImageSet("g", 1, 1, 2, new byte[] {10, (byte) 200}, null);
        JsonNode m = JSON.readTree(new ImageMessageEncoder(gray, "c", ImageMessageEncoder.Format.PNG).encode(0, 1));
        assertThat(m.has("label")).isFalse();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.get("data").asText())));
        assertThat(image.getRaster().getSample(1, 0, 0)).isEqualTo(200);
        assertThatThrownBy(() -> ImageMessageEncoder.Format.parse("jpeg")).hasMessageContaining("png or raw-u8");
        assertThatThrownBy(() -> new ImageMessageEncoder(gray, " ", ImageMessageEncoder.Format.PNG))
                .hasMessageContaining("source id");
    }
}
