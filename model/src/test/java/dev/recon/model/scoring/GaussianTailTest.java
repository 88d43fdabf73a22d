package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/** Tests for {@link GaussianTail}, against values of {@code erfc(z / sqrt 2) / 2}. */
class GaussianTailTest {

    @Test
    void matchesTheNormalUpperTailAcrossBothMethods() {
        assertThat(GaussianTail.upper(0)).isEqualTo(0.5);
        assertThat(GaussianTail.upper(1)).isCloseTo(0.15865525393145707, withinPercentage(1e-10));
        assertThat(GaussianTail.upper(-2)).isCloseTo(0.9772498680518208, withinPercentage(1e-10));
        assertThat(GaussianTail.upper(2.9999)).isCloseTo(0.0013503412829549248, withinPercentage(1e-8));
        assertThat(GaussianTail.upper(3)).isCloseTo(0.0013498980316300957, withinPercentage(1e-8));
        assertThat(GaussianTail.upper(3.0001)).isCloseTo(0.001349454913260717, withinPercentage(1e-8));
        assertThat(GaussianTail.upper(5)).isCloseTo(2.866515718791946e-07, withinPercentage(1e-8));
        assertThat(GaussianTail.upper(10)).isCloseTo(7.619853024160593e-24, withinPercentage(1e-8));
        assertThat(GaussianTail.upper(37)).isCloseTo(5.725571222525139e-300, withinPercentage(1e-8));
    }

    @Test
    void keepsTheLogarithmWhereTheTailUnderflows() {
        assertThat(GaussianTail.upper(40)).isZero();
        // -z^2/2 - ln z - ln sqrt(2 pi) + ln(1 - 1/z^2 + 3/z^4 - 15/z^6 + 105/z^8), the asymptotic series
        assertThat(GaussianTail.logUpper(40)).isCloseTo(-804.6084420137537, withinPercentage(1e-12));
        assertThat(GaussianTail.logUpper(1)).isCloseTo(Math.log(0.15865525393145707), withinPercentage(1e-10));
        assertThat(GaussianTail.logUpper(Double.POSITIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(GaussianTail.upper(Double.NEGATIVE_INFINITY)).isEqualTo(1.0);
    }

    @Test
    void decreasesMonotonically() {
        double previous = 1;
        for (double z = -10; z <= 12; z += 0.001) {
            double q = GaussianTail.upper(z);
            assertThat(q).as("Q(%s)", z).isLessThanOrEqualTo(previous);
            previous = q;
        }
    }

    @Test
    void rejectsNaN() {
        assertThatThrownBy(() -> GaussianTail.upper(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> GaussianTail.logUpper(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
