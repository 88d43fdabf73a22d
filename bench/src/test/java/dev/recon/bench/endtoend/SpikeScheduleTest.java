package dev.recon.bench.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Tests for {@link SpikeSchedule}: which readings spike, by how much, and that sensors do not spike together. */
class SpikeScheduleTest {

    private final SpikeSchedule spikes = SpikeSchedule.of(2000, 64);

    @Test
    void eachSensorSpikesOnceEveryNOfItsReadingsStaggeredBy37() {
        assertThat(LongStream.range(0, 20_000).filter(k -> spikes.isSpike(0, k)).toArray())
                .containsExactly(2000, 4000, 6000, 8000, 10_000, 12_000, 14_000, 16_000, 18_000);
        // sensor 1: (k + 37) % 2000 == 0
        assertThat(LongStream.range(0, 6000).filter(k -> spikes.isSpike(1, k)).toArray()).containsExactly(1963, 3963, 5963);
        assertThat(LongStream.range(0, 4000).filter(k -> spikes.isSpike(3, k)).toArray()).containsExactly(1889, 3889);
    }

    @Test
    void noSpikeFallsInASensorsFirstWindow() {
        // sensor 54: 37 * 54 = 1998, so k = 2 would be its first spike, inside the first 64 readings
        assertThat(spikes.isSpike(54, 2)).isFalse();
        assertThat(spikes.isSpike(54, 2002)).isTrue();
        for (int s = 0; s < 100; s++) {
            int sensor = s;
            assertThat(LongStream.range(0, 64).noneMatch(k -> spikes.isSpike(sensor, k))).isTrue();
        }
    }

    @Test
    void aHundredSensorsSpikeInAHundredDifferentRounds() {
        Set<Long> rounds = new HashSet<>();
        for (int s = 0; s < 100; s++) {
            int sensor = s;
            long first = LongStream.range(2000, 4000).filter(k -> spikes.isSpike(sensor, k)).boxed().findFirst().orElseThrow();
            rounds.add(first);
        }
        assertThat(rounds).hasSize(100);
    }

    @Test
    void aSpikeReadsTheOffsetAboveTheNormalValue() {
        assertThat(spikes.offset()).isEqualTo(SpikeSchedule.DEFAULT_OFFSET);
        assertThat(spikes.value(0, 2000, 55.5)).isEqualTo(95.5);
        assertThat(spikes.value(0, 2001, 55.5)).isEqualTo(55.5);
    }

    @Test
    void nonsenseIsRejectedWithTheNumber() {
        assertThatThrownBy(() -> new SpikeSchedule(0, 64, 40)).hasMessageContaining("got every 0");
        assertThatThrownBy(() -> new SpikeSchedule(2000, -1, 40)).hasMessageContaining("got -1");
        assertThatThrownBy(() -> new SpikeSchedule(2000, 64, Double.NaN)).hasMessageContaining("NaN");
    }
}
