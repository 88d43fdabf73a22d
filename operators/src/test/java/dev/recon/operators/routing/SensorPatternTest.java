package dev.recon.operators.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link SensorPattern}: glob matching over whole sensor ids, and refused characters. */
class SensorPatternTest {

    @Test
    void starMatchesAnyRunAndQuestionMarkOneCharacterOverTheWholeId() {
        SensorPattern pumps = SensorPattern.parse("pump-*");
        assertThat(pumps.matches("pump-7")).isTrue();
        assertThat(pumps.matches("pump-")).isTrue();
        assertThat(pumps.matches("old-pump-7")).isFalse();
        assertThat(pumps.matches("pump")).isFalse();

        SensorPattern fans = SensorPattern.parse("fan-?-*");
        assertThat(fans.matches("fan-a-1")).isTrue();
        assertThat(fans.matches("fan-ab-1")).isFalse();
        assertThat(fans.matches("fan--1")).isFalse();

        SensorPattern exact = SensorPattern.parse("boiler.1");
        assertThat(exact.matches("boiler.1")).as("a dot is a dot, not any character").isTrue();
        assertThat(exact.matches("boilerX1")).isFalse();
        assertThat(SensorPattern.parse("a+(b)|c$^").matches("a+(b)|c$^")).as("regex syntax is literal").isTrue();
    }

    @Test
    void onlyStarsMatchEverything() {
        assertThat(SensorPattern.parse("*").matchesEverything()).isTrue();
        assertThat(SensorPattern.parse("**").matchesEverything()).isTrue();
        assertThat(SensorPattern.parse("*-1").matchesEverything()).isFalse();
        assertThat(SensorPattern.parse("?*").matchesEverything()).isFalse();
    }

    @Test
    void refusesCharactersOtherGlobsGiveAMeaningAndSeparators() {
        assertThatThrownBy(() -> SensorPattern.parse("pump-[0-9]"))
                .hasMessageContaining("sensor pattern 'pump-[0-9]' has '[' at position 6");
        assertThatThrownBy(() -> SensorPattern.parse("{a,b}")).hasMessageContaining("has '{' at position 1");
        assertThatThrownBy(() -> SensorPattern.parse("pump 1")).hasMessageContaining("has ' ' at position 5");
        assertThatThrownBy(() -> SensorPattern.parse("")).hasMessageContaining("empty sensor pattern");
    }
}
