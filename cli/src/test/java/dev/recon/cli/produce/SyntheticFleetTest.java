package dev.recon.cli.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link SyntheticFleet}. */
class SyntheticFleetTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final List<AnomalyKind> ALL = Arrays.asList(AnomalyKind.values());

    private static SyntheticFleet fleet(long seed) {
        return SyntheticFleet.generate(4, 1500, T0, 1000, 3, ALL, 0.3, seed);
    }

    @Test
    void theSameSeedGivesTheSameFleet() {
        SyntheticFleet a = fleet(5);
        SyntheticFleet b = fleet(5);
        assertThat(a.anomalies()).isEqualTo(b.anomalies());
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < 1500; i += 37) {
                assertThat(a.value(s, i)).isEqualTo(b.value(s, i));
            }
        }
        assertThat(fleet(6).anomalies()).isNotEqualTo(a.anomalies());
    }

    @Test
    void injectsEveryKindAfterTheNormalPartWithoutOverlaps() {
        SyntheticFleet fleet = fleet(1);
        assertThat(fleet.sensorIds()).containsExactly("sensor-0001", "sensor-0002", "sensor-0003", "sensor-0004");
        assertThat(fleet.anomalies()).hasSize(12);
        assertThat(fleet.anomalies().stream().map(InjectedAnomaly::kind).toList())
                .containsAll(EnumSet.allOf(AnomalyKind.class));
        for (InjectedAnomaly a : fleet.anomalies()) {
            assertThat(a.startIndex()).as("%s starts after the normal 30%%", a).isGreaterThanOrEqualTo(450);
            assertThat(a.endIndex()).isLessThan(1500);
            assertThat(a.startTs()).isEqualTo(T0 + 1000L * a.startIndex());
            assertThat(a.endTs()).isEqualTo(T0 + 1000L * a.endIndex());
            assertThat(a.kind() == AnomalyKind.SPIKE ? a.endIndex() == a.startIndex() : a.endIndex() > a.startIndex()).isTrue();
        }
        for (String sensor : fleet.sensorIds()) {
            List<InjectedAnomaly> own = fleet.anomalies().stream().filter(a -> a.sensorId().equals(sensor)).toList();
            for (int i = 1; i < own.size(); i++) {
                assertThat(own.get(i).startIndex()).as("anomalies of %s in order, apart", sensor)
                        .isGreaterThan(own.get(i - 1).endIndex());
            }
        }
    }

    @Test
    void eachKindChangesTheSignalWhereTheGroundTruthSays() {
        for (AnomalyKind kind : AnomalyKind.values()) {
            SyntheticFleet fleet = SyntheticFleet.generate(1, 600, T0, 1000, 1, List.of(kind), 0.3, 3);
            InjectedAnomaly a = fleet.anomalies().get(0);
            assertThat(a.kind()).isEqualTo(kind);
            double normal = spread(fleet, 0, 150);
            if (kind == AnomalyKind.STUCK) {
                for (int i = a.startIndex(); i <= a.endIndex(); i++) {
                    assertThat(fleet.value(0, i)).isEqualTo(fleet.value(0, a.startIndex()));
                }
            } else if (kind == AnomalyKind.SPIKE) {
                double neighbours = (fleet.value(0, a.startIndex() - 1) + fleet.value(0, a.startIndex() + 1)) / 2;
                assertThat(Math.abs(fleet.value(0, a.startIndex()) - neighbours)).as(kind.configName())
                        .isGreaterThan(normal);
            } else {
                // the anomaly differs from the same sensor without it (same seed, no anomalies)
                SyntheticFleet clean = SyntheticFleet.generate(1, 600, T0, 1000, 0, List.of(kind), 0.3, 3);
                double difference = 0;
                for (int i = a.startIndex(); i <= a.endIndex(); i++) {
                    difference = Math.max(difference, Math.abs(fleet.value(0, i) - clean.value(0, i)));
                }
                assertThat(difference).as(kind.configName()).isGreaterThan(0.2 * normal);
            }
        }
    }

    @Test
    void saysWhichOptionIsWrong() {
        assertThatThrownBy(() -> SyntheticFleet.generate(2, 100, T0, 1000, 3, ALL, 0.3, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid --readings: 100 (expected at least 270");
        assertThatThrownBy(() -> SyntheticFleet.generate(0, 1000, T0, 1000, 1, ALL, 0.3, 1))
                .hasMessageContaining("invalid --sensors: 0");
        assertThatThrownBy(() -> AnomalyKind.parse("wobble"))
                .hasMessageContaining("unknown anomaly kind 'wobble'").hasMessageContaining("level-shift");
        assertThat(AnomalyKind.parse("noise-burst")).isEqualTo(AnomalyKind.NOISE_BURST);
    }

    /** Max minus min of the first {@code n} readings of a sensor. */
    private static double spread(SyntheticFleet fleet, int sensor, int n) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, fleet.value(sensor, i));
            max = Math.max(max, fleet.value(sensor, i));
        }
        return max - min;
    }
}
