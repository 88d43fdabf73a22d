package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.model.bundle.AlarmSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
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

    @Test
    void aWrittenScoreContinuesExactlyWhereItWasAtEveryPoint() throws IOException {
        // written at every step: before the warm-up ends, with the queue wrapped around its ring, mid-event
        OnsetLikelihood score = new OnsetLikelihood(5, OnsetLikelihood.DEFAULT_LIKELIHOOD.withShortWindow(3));
        Random random = new Random(21);
        double[] severities = new double[400];
        for (int i = 0; i < severities.length; i++) {
            severities[i] = Math.max(0, 0.4 + 0.1 * random.nextGaussian() + (i % 97 == 60 ? 3 : 0));
        }
        for (int i = 0; i < severities.length; i++) {
            OnsetLikelihood copy = roundTrip(score);
            assertThat(copy.count()).isEqualTo(score.count());
            assertThat(copy.onset()).isEqualTo(score.onset());
            assertThat(copy.likelihood()).isEqualTo(score.likelihood());
            // a fresh score fed the same severities is the reference the copy must follow
            OnsetLikelihood reference = new OnsetLikelihood(5, OnsetLikelihood.DEFAULT_LIKELIHOOD.withShortWindow(3));
            for (int j = 0; j < i; j++) {
                reference.update(severities[j]);
            }
            for (int j = i; j < Math.min(severities.length, i + 20); j++) {
                assertThat(copy.update(severities[j])).as("written at %d, step %d", i, j)
                        .isEqualTo(reference.update(severities[j]));
            }
            score.update(severities[i]);
        }
    }

    @Test
    void aTruncatedStateIsAnErrorNotAFreshScore() throws IOException {
        OnsetLikelihood score = new OnsetLikelihood(4);
        for (int i = 0; i < 10; i++) {
            score.update(i);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        score.writeTo(new DataOutputStream(bytes));
        byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 3);
        assertThatThrownBy(
                () -> OnsetLikelihood.readFrom(new DataInputStream(new ByteArrayInputStream(cut))))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void withSeasonalPeriodsAnErrorAsHighAsYesterdaysAtThisHourIsNoOnset() throws IOException {
        AlarmSpec daily = AlarmSpec.defaults(12, 1).withSeasonalPeriods(List.of("P1D"));
        OnsetLikelihood seasonal = OnsetLikelihood.of(daily);
        OnsetLikelihood plain = OnsetLikelihood.of(daily.withSeasonalPeriods(List.of()));
        assertThatThrownBy(() -> seasonal.update(0.5)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs each window's time");
        long hour = 3_600_000L;
        for (int i = 0; i < 24 * 4; i++) {
            double severity = i % 24 == 20 ? 4.0 : 0.3;
            double withPeriod = seasonal.update(severity, i * hour, 11 * hour);
            double without = plain.update(severity, i * hour, 11 * hour);
            if (i == 20) {
                assertThat(withPeriod).as("the first evening's spike").isEqualTo(without);
                assertThat(seasonal.onset()).isEqualTo(4.0);
            } else if (i % 24 == 20) {
                assertThat(seasonal.onset()).as("hour %d: yesterday's spike is the reference", i).isEqualTo(1.0);
                assertThat(plain.onset()).as("hour %d, no period: past the look-back", i).isEqualTo(4.0);
            }
        }
        // the seasonal maxima are part of the state; the form of before them has none
        OnsetLikelihood copy = roundTrip(seasonal);
        assertThat(copy.seasonalPeriodsMs()).containsExactly(24 * hour);
        assertThat(copy.update(4.0, 96 * hour + 20 * hour, 11 * hour))
                .isEqualTo(seasonal.update(4.0, 96 * hour + 20 * hour, 11 * hour));
        ByteArrayOutputStream old = new ByteArrayOutputStream();
        seasonal.writeTo(new DataOutputStream(old), false);
        OnsetLikelihood unseasonal = OnsetLikelihood.readFrom(
                new DataInputStream(new ByteArrayInputStream(old.toByteArray())), false);
        assertThat(unseasonal.seasonalPeriodsMs()).isEmpty();
        assertThat(unseasonal.count()).isEqualTo(seasonal.count());
    }

    private static OnsetLikelihood roundTrip(OnsetLikelihood score) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        score.writeTo(new DataOutputStream(bytes));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        OnsetLikelihood copy = OnsetLikelihood.readFrom(in);
        assertThat(in.read()).as("every byte read").isEqualTo(-1);
        return copy;
    }
}
