package dev.recon.operators.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowSpecOverflowTest {

    @Test
    void aSensorWithItsOwnStatisticsIsCheckedAgainstThemNotThePooledOnes() {
        // Pooled scale 1: 1e31 normalises to 1e31, which float32 holds (up to about 3.4e38). The
        // sensor's own scale 1e-8 takes it to 1e39, beyond float32: the scorer would see Infinity.
        WindowSpec spec = new WindowSpec(List.of("v"), 4, 1, "'m' version 1", new double[] {0}, new double[] {1},
                null, Map.of("tiny", new double[][] {{0}, {1e-8}}));
        double[] raw = {1e31};
        assertThat(spec.overflowingChannel("other", raw)).isEqualTo(-1);
        assertThat(spec.overflowingChannel("tiny", raw)).isZero();
        assertThat(spec.withResampling(null).overflowingChannel("tiny", raw)).isZero();
        assertThat(new WindowSpec(List.of("v"), 4, 1, "m", new double[] {0}, new double[] {1}, null)
                .overflowingChannel("tiny", raw)).isEqualTo(-1);
    }
}
