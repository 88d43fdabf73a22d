package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests for {@link SeverityOnset}. */
class SeverityOnsetTest {

    @Test
    void dividesBySeverityMaximumOfTheLookBackAndAtLeastOne() {
        SeverityOnset onset = new SeverityOnset(2);
        assertThat(onset.update(0.5)).isEqualTo(0.5); // nothing before: over 1
        assertThat(onset.update(4)).isEqualTo(4.0); // max(1, 0.5)
        assertThat(onset.update(2)).isEqualTo(0.5); // over 4
        assertThat(onset.update(3)).isEqualTo(0.75); // over max(4, 2)
        assertThat(onset.update(6)).isEqualTo(2.0); // 4 has left the look-back: over max(2, 3)
        assertThat(onset.count()).isEqualTo(5);
    }

    @Test
    void matchesTheMaximumOverTheLookBackComputedDirectly() {
        Random random = new Random(1);
        for (int lookBack : new int[] {1, 3, 64}) {
            SeverityOnset onset = new SeverityOnset(lookBack);
            double[] severities = new double[3000];
            for (int i = 0; i < severities.length; i++) {
                // runs of rising and falling values, ties and spikes exercise the queue
                severities[i] = i % 97 < 40 ? i % 97 / 10.0 : random.nextInt(5) == 0 ? 3 : random.nextDouble() * 2;
                double recent = 1;
                for (int j = Math.max(0, i - lookBack); j < i; j++) {
                    recent = Math.max(recent, severities[j]);
                }
                assertThat(onset.update(severities[i])).as("lookBack %d, severity %d", lookBack, i)
                        .isEqualTo(severities[i] / recent);
            }
        }
    }

    @Test
    void scoresAPlateauOnlyWhereItStarts() {
        SeverityOnset onset = new SeverityOnset(8);
        for (int i = 0; i < 20; i++) {
            onset.update(0.2);
        }
        assertThat(onset.update(5)).isEqualTo(5.0);
        for (int i = 0; i < 20; i++) {
            assertThat(onset.update(5)).isEqualTo(1.0);
        }
    }

    @Test
    void resumesIdenticallyAfterJavaSerialisation() throws Exception {
        SeverityOnset original = new SeverityOnset(16);
        Random random = new Random(2);
        for (int i = 0; i < 100; i++) {
            original.update(random.nextDouble() * 3);
        }
        SeverityOnset copy = AnomalyLikelihoodTest.roundTrip(original);
        for (int i = 0; i < 200; i++) {
            double severity = random.nextDouble() * 3;
            assertThat(copy.update(severity)).isEqualTo(original.update(severity));
        }
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> new SeverityOnset(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid lookBack: 0");
        SeverityOnset onset = new SeverityOnset(4);
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> onset.update(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("severity must be finite and >= 0");
        }
        assertThat(onset.count()).isZero();
    }
}
