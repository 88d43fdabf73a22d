package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests for {@link Denoising}. */
class DenoisingTest {

    @Test
    void parsesTheCommandLineForms() {
        assertThat(Denoising.parse("gaussian:0.5")).isEqualTo(new Denoising("gaussian", 0.5));
        assertThat(Denoising.parse("MASK:0.2")).isEqualTo(new Denoising("mask", 0.2));
        assertThat(Denoising.parse("none").enabled()).isFalse();
        assertThatThrownBy(() -> Denoising.parse("mask:1.5")).hasMessageContaining("expected a probability in (0, 1)");
        assertThatThrownBy(() -> Denoising.parse("blur:1")).hasMessageContaining("invalid denoise: 'blur'");
        assertThatThrownBy(() -> Denoising.parse("gaussian")).hasMessageContaining("expected none, gaussian:STD");
    }

    @Test
    void gaussianNoiseIsClippedToTheDataRangeAndMaskZeroesAboutTheGivenShare() {
        float[] clean = new float[10_000];
        java.util.Arrays.fill(clean, 0.9f);
        float[] noisy = new float[clean.length];
        new Denoising("gaussian", 0.5).corrupt(clean, noisy, clean.length, 0f, 1f, new Random(1));
        double moved = 0;
        for (float v : noisy) {
            assertThat(v).isBetween(0f, 1f);
            moved += Math.abs(v - 0.9f);
        }
        assertThat(moved / clean.length).isGreaterThan(0.1);
        new Denoising("mask", 0.2).corrupt(clean, noisy, clean.length, 0f, 1f, new Random(2));
        long zeros = 0;
        for (float v : noisy) {
            zeros += v == 0f ? 1 : 0;
        }
        assertThat(zeros).isBetween(1_800L, 2_200L);
    }
}
