package dev.recon.model.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link DetectionMetrics}. */
class DetectionMetricsTest {

    @Test
    void countsAndRatesAtTheThreshold() {
        double[] scores = {0.1, 0.2, 0.6, 0.3, 0.7, 0.9, 0.4};
        boolean[] anomalous = {false, false, false, true, true, true, false};
        DetectionMetrics m = DetectionMetrics.evaluate(scores, anomalous, 0.5, List.of(0), "seven");
        assertThat(m.truePositives()).isEqualTo(2);
        assertThat(m.falsePositives()).isEqualTo(1);
        assertThat(m.falseNegatives()).isEqualTo(1);
        assertThat(m.trueNegatives()).isEqualTo(3);
        assertThat(m.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.f1()).isCloseTo(2.0 / 3, within(1e-12));
        // pairs (anomalous, normal) ranked correctly: 0.3 beats 0.1, 0.2 (2 of 4); 0.7 and 0.9 beat all 4
        assertThat(m.auroc()).isCloseTo(10.0 / 12, within(1e-12));
        assertThat(m.normalClasses()).containsExactly(0);
    }

    @Test
    void tiesCountHalfAndDegenerateInputsAreRejected() {
        assertThat(DetectionMetrics.auroc(new double[] {1, 1}, new boolean[] {true, false})).isEqualTo(0.5);
        assertThat(DetectionMetrics.auroc(new double[] {2, 1}, new boolean[] {true, false})).isEqualTo(1.0);
        assertThatThrownBy(() -> DetectionMetrics.evaluate(new double[] {1}, new boolean[] {false}, 0, null, "one"))
                .hasMessageContaining("need normal and anomalous examples, got 1 normal and 0 anomalous");
    }
}
