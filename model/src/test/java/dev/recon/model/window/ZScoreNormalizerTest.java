package dev.recon.model.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Tests for {@link ZScoreNormalizer}. */
class ZScoreNormalizerTest {

    @Test
    void fitsPopulationMeanAndStdPerChannel() {
        ZScoreNormalizer n = ZScoreNormalizer.fit(new double[][] {{1, 10}, {2, 10}, {3, 10}});
        assertThat(n.mean()).containsExactly(2, 10);
        assertThat(n.scale()[0]).isCloseTo(Math.sqrt(2.0 / 3), within(1e-12));
        float[] out = new float[2];
        n.normalize(new double[] {3, 12}, out, 0);
        assertThat(out[0]).isCloseTo((float) (1 / Math.sqrt(2.0 / 3)), within(1e-6f));
        // a flat training channel is scaled by 1, not by ~0
        assertThat(out[1]).isEqualTo(2f);
        assertThat(n.denormalize(1, 2)).isEqualTo(12);
    }

    @Test
    void normalisesRunsOfStepsExactlyAsReadingByReading() {
        ZScoreNormalizer n = new ZScoreNormalizer(new double[] {50, -3, 1e6}, new double[] {7.1, 0.3, 0});
        java.util.Random random = new java.util.Random(3);
        double[] raw = new double[2 + 5 * 3];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = random.nextGaussian() * 100;
        }
        float[] expected = new float[1 + 5 * 3];
        for (int t = 0; t < 5; t++) {
            n.normalize(raw, 2 + t * 3, expected, 1 + t * 3);
        }
        float[] out = new float[expected.length];
        n.normalizeSteps(raw, 2, 5, out, 1);
        assertThat(out).containsExactly(expected);
    }

    @Test
    void rejectsBadStatisticsAndWrongWidth() {
        assertThatThrownBy(() -> new ZScoreNormalizer(new double[] {Double.NaN}, new double[] {1}))
                .hasMessageContaining("channel 0");
        ZScoreNormalizer n = new ZScoreNormalizer(new double[] {0}, new double[] {1});
        assertThatThrownBy(() -> n.normalize(new double[] {1, 2}, new float[2], 0))
                .hasMessageContaining("expected 1 channel values, got 2");
        assertThatThrownBy(() -> ZScoreNormalizer.fit(new double[0][]))
                .hasMessageContaining("zero rows");
    }
}
