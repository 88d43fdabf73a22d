package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link TrainerConfig}. */
class TrainerConfigTest {

    @Test
    void defaultsAreValidAndCopiesChangeOneThing() {
        TrainerConfig c = TrainerConfig.defaults("m");
        assertThat(c.window()).isEqualTo(64);
        assertThat(c.trainFraction()).isEqualTo(0.15);
        TrainerConfig w = c.withWindow(16, 4);
        assertThat(w.window()).isEqualTo(16);
        assertThat(w.stride()).isEqualTo(4);
        assertThat(w.seed()).isEqualTo(c.seed());
    }

    @Test
    void invalidSettingsNameTheOptionAndValue() {
        TrainerConfig c = TrainerConfig.defaults("m");
        assertThatThrownBy(() -> c.withWindow(1, 1)).hasMessage("invalid window: 1 (expected >= 2)");
        assertThatThrownBy(() -> c.withSplit(1.5, 0.2)).hasMessage("invalid train-fraction: 1.5 (expected in (0, 1])");
        assertThatThrownBy(() -> c.withArchitecture(List.of(0), 4)).hasMessageContaining("invalid hidden: [0]");
        assertThatThrownBy(() -> c.withOptimisation(-1, 32, 10, 2)).hasMessageContaining("invalid learning-rate: -1.0");
        assertThatThrownBy(() -> c.withThreshold(0.99, 0)).hasMessageContaining("invalid threshold-scale: 0.0");
    }

    @Test
    void thresholdSettingsBuildTheirCalibratorAndNameBadParameters() {
        ThresholdSettings q = TrainerConfig.defaults("m").threshold();
        assertThat(q.method()).isEqualTo("quantile");
        assertThat(q.calibrator().calibrate(new double[] {1, 2}, "two").value()).isEqualTo(4.0); // 2 x max
        assertThat(q.withMethod("sigma").calibrator())
                .isInstanceOf(dev.recon.model.threshold.SigmaThresholdCalibrator.class);
        assertThatThrownBy(() -> q.withMethod("iforest")).hasMessageContaining("invalid threshold-method iforest")
                .hasMessageContaining("expected quantile, sigma or pot");
        assertThatThrownBy(() -> new ThresholdSettings("pot", 1, 1, 3, 0.5, 0.98))
                .hasMessageContaining("invalid threshold-method pot: pot risk must be in (0, 1 - level)");
        TrainerConfig d = TrainerConfig.defaults("m").withDenoising(Denoising.parse("mask:0.2"));
        assertThat(d.denoising().amount()).isEqualTo(0.2);
        assertThat(d.thresholdQuantile()).isEqualTo(1.0);
    }
}
