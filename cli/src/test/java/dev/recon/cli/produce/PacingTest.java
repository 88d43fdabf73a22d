package dev.recon.cli.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link Pacing}. */
class PacingTest {

    @Test
    void aRateSpacesRecordsEvenly() {
        assertThat(Pacing.rate(100).dueNanos(0, 999)).isZero();
        assertThat(Pacing.rate(100).dueNanos(250, 0)).isEqualTo(2_500_000_000L);
    }

    @Test
    void aSpeedupFollowsTheTimestamps() {
        assertThat(Pacing.speedup(1).dueNanos(7, 1_500)).isEqualTo(1_500_000_000L);
        assertThat(Pacing.speedup(60).dueNanos(7, 60_000)).isEqualTo(1_000_000_000L);
        assertThat(Pacing.speedup(60).dueNanos(7, -5)).as("out-of-order timestamps do not wait").isZero();
    }

    @Test
    void unlimitedNeverWaits() {
        assertThat(Pacing.unlimited().dueNanos(1_000_000, 1_000_000)).isZero();
    }

    @Test
    void rejectsFactorsThatAreNotPositive() {
        assertThatThrownBy(() -> Pacing.speedup(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid --speedup: 0.0");
        assertThatThrownBy(() -> Pacing.rate(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid --rate: -1.0");
    }
}
