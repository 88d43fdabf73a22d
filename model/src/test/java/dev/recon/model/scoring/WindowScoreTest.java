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

    @Test
    void oneChannelScoresAsTheSameValuesSpreadOverChannelsWould() {
        float[] input = {0.3f, -1.2f, 2.5f, 0.05f, 7f};
        float[] recon = {0.1f, -1f, 0.5f, 0f, 6.5f};
        WindowScore one = WindowScore.of(input, recon, 0, 5, 1);
        // one step of five channels holds the same squared errors: the same total, summed in the same order
        WindowScore wide = WindowScore.of(input, recon, 0, 1, 5);
        assertThat(one.score()).isEqualTo(wide.score());
        assertThat(one.channelErrors()).containsExactly(one.score());
        assertThat(one.stepErrors()).containsExactly(wide.channelErrors());
        assertThat(one.peakStep()).isEqualTo(2);
    }
}
