package dev.recon.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link PngFolder}. */
class PngFolderTest {

    @TempDir
    Path tmp;

    private static void gray(Path file, int w, int h, int value) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster().setSample(x, y, 0, value);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static void rgb(Path file, int w, int h, int rgb) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void grayscaleImagesKeepTheirValuesAndAreResizedToOneSize() throws Exception {
        gray(tmp.resolve("a.png"), 4, 4, 200);
        gray(tmp.resolve("b.png"), 8, 6, 40);
        ImageSet set = PngFolder.read(tmp, 0, 0, 0);
        assertThat(set.channels()).isEqualTo(1);
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.height()).isEqualTo(4); // the first image's size
        assertThat(set.labelled()).isFalse();
        assertThat(set.pixels()[0] & 0xff).isEqualTo(200);
        assertThat(set.pixels()[16] & 0xff).isEqualTo(40); // a constant image stays constant when resized
    }

    @Test
    void classSubFoldersGiveLabelsAndColourBecomesRgbOrGray() throws Exception {
        rgb(tmp.resolve("0/x.png"), 2, 2, 0xff0000);
        gray(tmp.resolve("3/y.png"), 2, 2, 10);
        ImageSet rgb = PngFolder.read(tmp, 0, 2, 2);
        assertThat(rgb.channels()).isEqualTo(3);
        assertThat(rgb.labels()).containsExactly(0, 3);
        assertThat(rgb.pixels()[0] & 0xff).isEqualTo(255); // red plane of the red image
        assertThat(rgb.pixels()[4] & 0xff).isZero(); // its green plane
        assertThat(rgb.pixels()[12 + 8] & 0xff).isEqualTo(10); // gray repeated into blue
        ImageSet gray = PngFolder.read(tmp, 1, 2, 2);
        assertThat(gray.pixels()[0] & 0xff).isEqualTo(76); // 0.299 * 255
    }

    @Test
    void foldersWithoutImagesOrWithNamedClassesAreRejected() throws Exception {
        assertThatThrownBy(() -> PngFolder.read(tmp, 0, 0, 0)).hasMessageContaining("no .png files in");
        gray(tmp.resolve("shirts/a.png"), 2, 2, 1);
        assertThatThrownBy(() -> PngFolder.read(tmp, 0, 0, 0))
                .hasMessageContaining("is not named by an integer class label");
    }
}
