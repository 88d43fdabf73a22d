package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.model.arch.Conv1dAutoencoderSpec;
import dev.recon.model.arch.DenseAutoencoderSpec;
import dev.recon.model.arch.LstmAutoencoderSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link TrainerConfig}. */
class TrainerConfigTest {

    @Test
    void defaultsAreValidAndCopiesChangeOneThing() {
        TrainerConfig c = TrainerConfig.defaults("m");
        assertThat(c.window()).isEqualTo(128);
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

    @Test
    void theModelKindDecidesTheArchitecture() {
        TrainerConfig c = TrainerConfig.defaults("m").withWindow(32, 1).withArchitecture(List.of(24), 6);
        assertThat(c.model()).isEqualTo(SeriesModel.dense());
        assertThat(c.architecture(3)).isEqualTo(new DenseAutoencoderSpec(96, List.of(24), 6, "relu"));
        assertThat(c.withModel(SeriesModel.conv1d(List.of(4, 8), 5, "stride", 3)).architecture(3))
                .isEqualTo(new Conv1dAutoencoderSpec(3, 32, List.of(4, 8), 5, "stride", 3, "relu"));
        assertThat(c.withModel(SeriesModel.lstm(2)).architecture(3)).isEqualTo(new LstmAutoencoderSpec(3, 32, 24, 2, 6));
        // copies keep the kind
        assertThat(c.withModel(SeriesModel.lstm(2)).withSeed(3).withWindow(16, 2).model().kind()).isEqualTo("lstm");
    }

    @Test
    void kindSpecificSettingsAreCheckedWhenTheConfigIsBuilt() {
        TrainerConfig c = TrainerConfig.defaults("m").withWindow(30, 1);
        assertThatThrownBy(() -> c.withModel(SeriesModel.conv1d(List.of(8, 8), 3, "maxpool", 0)))
                .hasMessageStartingWith("invalid window: 30 (expected a multiple of 2^2 = 4 for conv1d");
        assertThatThrownBy(() -> c.withArchitecture(List.of(32, 16), 4).withModel(SeriesModel.lstm(1)))
                .hasMessageStartingWith("invalid hidden: [32, 16] (expected one size for lstm");
        assertThatThrownBy(() -> c.withModel(SeriesModel.lstm(1)).withArchitecture(List.of(8), -1))
                .hasMessageStartingWith("invalid latent: -1 (expected >= 0 for lstm");
        assertThatThrownBy(() -> c.withArchitecture(List.of(8), 0)).hasMessage("invalid latent: 0 (expected >= 1)");
        // latent 0 means no projection for lstm
        assertThat(c.withModel(SeriesModel.lstm(1)).withArchitecture(List.of(8), 0).architecture(1))
                .isEqualTo(new LstmAutoencoderSpec(1, 30, 8, 1, 0));
        assertThatThrownBy(() -> SeriesModel.conv1d(List.of(8), 4, "maxpool", 0))
                .hasMessage("invalid kernel: 4 (expected an odd length >= 1)");
        assertThatThrownBy(() -> SeriesModel.conv1d(List.of(8), 3, "avg", 0))
                .hasMessage("invalid downsample: avg (expected maxpool or stride)");
        assertThatThrownBy(() -> SeriesModel.conv1d(List.of(), 3, "stride", 0))
                .hasMessage("invalid filters: [] (expected one or more sizes >= 1)");
        assertThatThrownBy(() -> SeriesModel.conv1d(List.of(8), 3, "stride", -1))
                .hasMessage("invalid bottleneck: -1 (expected >= 0, 0 for none)");
        assertThatThrownBy(() -> SeriesModel.lstm(0)).hasMessage("invalid layers: 0 (expected >= 1)");
        assertThatThrownBy(() -> new SeriesModel("gru", List.of(8), 3, "stride", 0, 1))
                .hasMessage("invalid model: gru (expected one of dense, conv1d, lstm, vae, aae)");
    }
}
