package dev.recon.model.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests for {@link SigmaThresholdCalibrator} and {@link PotThresholdCalibrator}. */
class ThresholdCalibratorsTest {

    @Test
    void sigmaIsMeanPlusKSampleStandardDeviations() {
        Threshold t = new SigmaThresholdCalibrator(2).calibrate(new double[] {1, 2, 3, 4, 5}, "five");
        // mean 3, sample std sqrt(2.5)
        assertThat(t.value()).isCloseTo(3 + 2 * Math.sqrt(2.5), within(1e-12));
        assertThat(t.method()).isEqualTo("sigma");
        assertThat(t.parameters()).containsEntry("k", 2.0).containsEntry("mean", 3.0);
        assertThat(t.errors().count()).isEqualTo(5);
        assertThatThrownBy(() -> new SigmaThresholdCalibrator(-1)).hasMessageContaining("k must be finite and >= 0");
    }

    @Test
    void potRecoversTheExponentialTailQuantile() {
        // Exp(1): P(X > z) = exp(-z), so the threshold for risk q is -ln q; the GPD tail has xi = 0.
        Random random = new Random(9);
        double[] errors = new double[200_000];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = -Math.log(1 - random.nextDouble());
        }
        Threshold t = new PotThresholdCalibrator(1e-4, 0.98).calibrate(errors, "exp");
        assertThat(t.value()).isCloseTo(-Math.log(1e-4), withinPercentage(5));
        assertThat(t.parameters().get("xi")).isCloseTo(0, within(0.05));
        assertThat(t.parameters().get("sigma")).isCloseTo(1, within(0.05));
        assertThat(t.parameters().get("peaks")).isCloseTo(4000, within(2.0));
        assertThat(t.method()).isEqualTo("pot");
    }

    @Test
    void potRecoversAHeavyParetoTail() {
        // Pareto with tail index 4: P(X > z) = z^-4 (z >= 1), a GPD tail with xi = 0.25.
        Random random = new Random(10);
        double[] errors = new double[200_000];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = Math.pow(1 - random.nextDouble(), -0.25);
        }
        Threshold t = new PotThresholdCalibrator(1e-4, 0.98).calibrate(errors, "pareto");
        assertThat(t.value()).isCloseTo(Math.pow(1e-4, -0.25), withinPercentage(10));
        assertThat(t.parameters().get("xi")).isCloseTo(0.25, within(0.05));
    }

    @Test
    void potRefusesTailsItCannotFit() {
        assertThatThrownBy(() -> new PotThresholdCalibrator(0.05, 0.98))
                .hasMessageContaining("pot risk must be in (0, 1 - level)");
        double[] few = new double[100];
        for (int i = 0; i < few.length; i++) {
            few[i] = i;
        }
        assertThatThrownBy(() -> new PotThresholdCalibrator(1e-3, 0.98).calibrate(few, "100 windows"))
                .hasMessageContaining("needs at least 10 errors above the initial threshold")
                .hasMessageContaining("have 2");
    }
}
