package dev.recon.operators.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link SensorLabels}. */
class SensorLabelsTest {

    @Test
    void namesTheFirstSensorsAndReportsLaterOnesAsOther() {
        SensorLabels labels = new SensorLabels(2);
        assertThat(labels.label("a")).isEqualTo("a");
        assertThat(labels.label("b")).isEqualTo("b");
        assertThat(labels.label("c")).isEqualTo(SensorLabels.OTHER);
        assertThat(labels.label("a")).isEqualTo("a");
        assertThat(labels.label("d")).isEqualTo(SensorLabels.OTHER);
    }

    @Test
    void aLimitOfZeroReportsEverySensorAsOtherAndANegativeOneIsRejected() {
        assertThat(new SensorLabels(0).label("a")).isEqualTo(SensorLabels.OTHER);
        assertThatThrownBy(() -> new SensorLabels(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
