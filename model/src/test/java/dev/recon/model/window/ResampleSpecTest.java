package dev.recon.model.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link ResampleSpec} and {@link GapPolicy#parse}. */
class ResampleSpecTest {

    @Test
    void parsesStepsWithUnitsAndIsoDurations() {
        assertThat(ResampleSpec.parseStep("500ms")).isEqualTo(500);
        assertThat(ResampleSpec.parseStep("1s")).isEqualTo(1000);
        assertThat(ResampleSpec.parseStep(" 1.5 s ")).isEqualTo(1500);
        assertThat(ResampleSpec.parseStep("5m")).isEqualTo(300_000);
        assertThat(ResampleSpec.parseStep("5min")).isEqualTo(300_000);
        assertThat(ResampleSpec.parseStep("2H")).isEqualTo(7_200_000);
        assertThat(ResampleSpec.parseStep("1d")).isEqualTo(86_400_000);
        assertThat(ResampleSpec.parseStep("PT1M")).isEqualTo(60_000);
        assertThat(ResampleSpec.parseStep("pt0.25s")).isEqualTo(250);
    }

    @Test
    void refusesStepsWithoutAUnitOrNotAWholePositiveNumberOfMilliseconds() {
        assertThatThrownBy(() -> ResampleSpec.parseStep("60"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'60'")
                .hasMessageContaining("with a unit");
        assertThatThrownBy(() -> ResampleSpec.parseStep("1 week")).hasMessageContaining("'1 week'");
        assertThatThrownBy(() -> ResampleSpec.parseStep("PT")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> ResampleSpec.parseStep("0s")).hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> ResampleSpec.parseStep("0.5ms")).hasMessageContaining("0.5 ms");
        assertThatThrownBy(() -> ResampleSpec.parseStep("PT-1S")).hasMessageContaining("positive whole number");
    }

    @Test
    void checksItsValues() {
        assertThatThrownBy(() -> new ResampleSpec(0, GapPolicy.BREAK, 1)).hasMessageContaining("at least 1 ms, got 0");
        assertThatThrownBy(() -> new ResampleSpec(1000, GapPolicy.BREAK, -1))
                .hasMessageContaining("max gap steps must be >= 0, got -1");
        assertThat(new ResampleSpec(1000, GapPolicy.INTERPOLATE, 5).describe())
                .isEqualTo("step 1000 ms, interpolate, max gap 5 steps");
    }

    @Test
    void gapPoliciesAreWrittenInLowerCaseWithDashes() {
        assertThat(GapPolicy.parse("fill-forward")).isEqualTo(GapPolicy.FILL_FORWARD);
        assertThat(GapPolicy.parse("Interpolate")).isEqualTo(GapPolicy.INTERPOLATE);
        assertThat(GapPolicy.BREAK.configName()).isEqualTo("break");
        assertThatThrownBy(() -> GapPolicy.parse("zero"))
                .hasMessage("unknown gap policy 'zero', expected one of fill-forward, interpolate, break");
    }
}
