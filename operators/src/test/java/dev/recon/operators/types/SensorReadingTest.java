package dev.recon.operators.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link SensorReading}. */
class SensorReadingTest {

    @Test
    void anUnnamedReadingHoldsOneValue() {
        SensorReading reading = SensorReading.single("s", 1L, 2.5, "o", null);
        assertThat(reading.named()).isFalse();
        assertThat(reading.values()).containsExactly(2.5);
    }

    @Test
    void namesAndValuesMustLineUp() {
        assertThatThrownBy(() -> new SensorReading("pump", 1L, new String[] {"a", "b"}, new double[] {1}, "o", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pump")
                .hasMessageContaining("2 channel names but 1 values");
    }
}
