package dev.recon.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link PixelConversion}: resizing, 8-bit rounding and scaling. */
class PixelConversionTest {

    @Test
    void resizingToTheSameSizeReturnsThePlaneItself() {
        float[] plane = {1, 2, 3, 4};
        assertThat(PixelConversion.resize(plane, 2, 2, 2, 2)).isSameAs(plane);
    }

    @Test
    void bilinearResizeAlignsPixelCentresAndClampsAtTheEdges() {
        // 2 pixels wide to 4: output centres map to source x = -0.25, 0.25, 0.75, 1.25 -> clamped to [0, 1]
        float[] out = PixelConversion.resize(new float[] {0, 100}, 2, 1, 4, 1);
        assertThat(out).containsExactly(0f, 25f, 75f, 100f);
    }

    @Test
    void modelInputIsRoundedTo8BitsClampedAndDividedBy255() {
        float[][] planes = {{-3f, 0.49f, 0.5f, 127.5f, 254.6f, 300f}};
        float[] input = PixelConversion.toModelInput(planes, 6, 1, 1, 1, 6);
        assertThat(input).containsExactly(0f, 0f, 1 / 255f, 128 / 255f, 1f, 1f);
    }

    @Test
    void lumaWeightsAreRec601() {
        byte[] rgb = {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255};
        float[][] gray = PixelConversion.planes(rgb, 3, 1, 3, 1);
        assertThat(gray[0]).containsExactly((float) (0.299 * 255), (float) (0.587 * 255), (float) (0.114 * 255));
    }

    @Test
    void rejectsPlanesThatDoNotFitTheShape() {
        assertThatThrownBy(() -> PixelConversion.toModelInput(new float[1][4], 2, 2, 3, 2, 2))
                .hasMessageContaining("1 planes for a 3-channel model");
        assertThatThrownBy(() -> PixelConversion.planes(new byte[5], 2, 2, 1, 1)).hasMessageContaining("5 bytes");
    }
}
