package dev.recon.model.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Tests for {@link QuantileThresholdCalibrator} and {@link Quantiles}. */
class QuantileThresholdCalibratorTest {

    private static final double[] ERRORS = {5, 1, 4, 2, 3}; // sorted: 1..5

    @Test
    void interpolatesBetweenOrderStatistics() {
        Threshold t = new QuantileThresholdCalibrator(0.9, 1.0).calibrate(ERRORS, "validation");
        assertThat(t.value()).isCloseTo(4.6, within(1e-12));
        assertThat(t.method()).isEqualTo("quantile");
        assertThat(t.parameters()).containsEntry("quantile", 0.9).containsEntry("scale", 1.0);
        assertThat(t.calibratedOn()).isEqualTo("validation");
        assertThat(t.errors().count()).isEqualTo(5);
        assertThat(t.errors().median()).isEqualTo(3);
        assertThat(t.errors().max()).isEqualTo(5);
    }

    @Test
    void scaleMultipliesTheQuantileAndTheMaximumIsQuantileOne() {
        Threshold t = new QuantileThresholdCalibrator(1.0, 1.5).calibrate(ERRORS, "v");
        assertThat(t.value()).isEqualTo(7.5);
        assertThat(t.isAnomalous(7.51)).isTrue();
        assertThat(t.isAnomalous(7.5)).isFalse();
    }

    @Test
    void rejectsBadSettingsAndInputs() {
        assertThatThrownBy(() -> new QuantileThresholdCalibrator(0, 1))
                .hasMessageContaining("quantile must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> new QuantileThresholdCalibrator(0.5, -1))
                .hasMessageContaining("scale must be finite and > 0, got -1.0");
        QuantileThresholdCalibrator c = new QuantileThresholdCalibrator(0.5, 1);
        assertThatThrownBy(() -> c.calibrate(new double[0], "validation windows"))
                .hasMessageContaining("zero errors (validation windows)");
        assertThatThrownBy(() -> c.calibrate(new double[] {1, Double.NaN}, "v"))
                .hasMessageContaining("must be finite");
    }
}
