package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests for {@link OnsetLikelihood}. */
class OnsetLikelihoodTest {

    @Test
    void isTheOnsetTimesTheLikelihoodOfEachSeverity() {
        OnsetLikelihood score = new OnsetLikelihood(8);
        SeverityOnset onset = new SeverityOnset(8);
        AnomalyLikelihood likelihood = new AnomalyLikelihood(OnsetLikelihood.DEFAULT_LIKELIHOOD);
        Random random = new Random(4);
        for (int i = 0; i < 1000; i++) {
            double severity = 0.3 + 0.05 * random.nextGaussian() + (i % 200 == 150 ? 2 : 0);
            severity = Math.max(severity, 0);
            double expected = onset.update(severity) * likelihood.update(severity);
            assertThat(score.update(severity)).isEqualTo(expected);
            assertThat(score.onset() * score.likelihood()).isEqualTo(expected);
        }
        assertThat(score.count()).isEqualTo(1000);
        assertThat(OnsetLikelihood.DEFAULT_LIKELIHOOD.shortWindow()).isEqualTo(1);
    }

    @Test
    void alarmsWhereAnUnusualLevelStartsAndNotWhileItLasts() {
        OnsetLikelihood score = new OnsetLikelihood(16);
        Random random = new Random(9);
        for (int i = 0; i < 500; i++) {
            assertThat(score.update(0.3 + 0.02 * random.nextGaussian())).isLessThan(1);
        }
        assertThat(score.update(3)).isGreaterThan(2.9);
        for (int i = 0; i < 100; i++) {
            // the onset of a plateau is exactly 1 (the level over itself), however unusual the level
            assertThat(score.update(3)).as("%d after the start", i + 1).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void weighsDownARiseThatIsUsualForTheStream() {
        // the same rise to 1.5 after a quiet stream and after a stream that often runs that high
        OnsetLikelihood quiet = new OnsetLikelihood(16);
        OnsetLikelihood busy = new OnsetLikelihood(16);
        for (int i = 0; i < 1000; i++) {
            quiet.update(0.3);
            busy.update(i % 40 < 20 ? 0.3 : 1.4);
        }
        for (int i = 0; i < 16; i++) {
            quiet.update(0.3);
            busy.update(0.3);
        }
        assertThat(quiet.update(1.5)).isGreaterThan(1.49);
        assertThat(busy.update(1.5)).isLessThan(1.5 * 0.9);
    }

    @Test
    void resumesIdenticallyAfterJavaSerialisation() throws Exception {
        OnsetLikelihood original = new OnsetLikelihood(32);
        Random random = new Random(6);
        for (int i = 0; i < 400; i++) {
            original.update(Math.abs(random.nextGaussian()));
        }
        OnsetLikelihood copy = AnomalyLikelihoodTest.roundTrip(original);
        for (int i = 0; i < 400; i++) {
            double severity = Math.abs(random.nextGaussian()) * (i == 200 ? 10 : 1);
            assertThat(copy.update(severity)).isEqualTo(original.update(severity));
        }
    }
}
