package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Tests for {@link WindowScore}. */
class WindowScoreTest {

    @Test
    void breaksTheErrorDownByChannelAndStep() {
        // 3 steps x 2 channels, step-major; errors: (1,0), (0,0), (3,2)
        float[] input = {1, 0, 5, 5, 3, 2};
        float[] recon = {0, 0, 5, 5, 0, 0};
        WindowScore s = WindowScore.of(input, recon, 0, 3, 2);
        assertThat(s.score()).isCloseTo((1 + 9 + 4) / 6.0, within(1e-12));
        assertThat(s.channelErrors()).containsExactly(10 / 3.0, 4 / 3.0);
        assertThat(s.stepErrors()).containsExactly(0.5, 0.0, 6.5);
        assertThat(s.peakStep()).isEqualTo(2);
    }

    @Test
    void readsAtAnOffset() {
        float[] input = {9, 9, 1, 1};
        float[] recon = {0, 0, 1, 0};
        WindowScore s = WindowScore.of(input, recon, 2, 2, 1);
        assertThat(s.score()).isEqualTo(0.5);
        assertThat(s.peakStep()).isEqualTo(1);
    }
}
