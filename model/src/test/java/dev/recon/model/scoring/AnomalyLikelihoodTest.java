package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests for {@link AnomalyLikelihood}. */
class AnomalyLikelihoodTest {

    private static final AnomalyLikelihood.Settings FAST = new AnomalyLikelihood.Settings(200, 10, 50, 1e-3);

    @Test
    void isTheNormalTailOfTheScoreAgainstTheRunningMeanAndVariance() {
        AnomalyLikelihood l = new AnomalyLikelihood(new AnomalyLikelihood.Settings(1000, 1, 1, 1e-3));
        // 1: mean 1, variance 0, z 0
        assertThat(l.update(1)).isEqualTo(0.5);
        // 1, 2: mean 1.5, population variance 0.25, z = 0.5 / 0.5 = 1
        assertThat(l.update(2)).isCloseTo(1 - 0.15865525393145707, within(1e-12));
        // 1, 2, 3: mean 2, population variance 2/3, z = 1 / sqrt(2/3)
        assertThat(l.update(3)).isCloseTo(0.8896643190400766, within(1e-12));
        assertThat(l.count()).isEqualTo(3);
    }

    @Test
    void aConstantStreamStaysAtTheBaseline() {
        AnomalyLikelihood l = new AnomalyLikelihood(FAST);
        for (int i = 0; i < 1000; i++) {
            // rounding in the running mean leaves z within about 1e-13 of 0
            assertThat(l.update(0.3)).isCloseTo(0.5, within(1e-9));
        }
        assertThat(l.logLikelihood()).isCloseTo(Math.log(0.5) / Math.log(1e-10), within(1e-9));
    }

    @Test
    void aNoisyStreamStaysNearTheBaseline() {
        AnomalyLikelihood l = new AnomalyLikelihood(FAST);
        Random random = new Random(7);
        double sum = 0;
        int high = 0;
        int n = 5000;
        for (int i = 0; i < n; i++) {
            double likelihood = l.update(1 + 0.1 * random.nextGaussian());
            sum += likelihood;
            high += likelihood > 0.9999 ? 1 : 0;
        }
        assertThat(sum / n).isCloseTo(0.5, within(0.05));
        assertThat(high).as("scores with likelihood above 0.9999").isLessThan(n / 100);
    }

    @Test
    void aStepIsLikelyAtOnceThenBecomesTheNorm() {
        AnomalyLikelihood l = new AnomalyLikelihood(FAST);
        Random random = new Random(11);
        for (int i = 0; i < 1000; i++) {
            l.update(1 + 0.1 * random.nextGaussian());
        }
        double peak = 0;
        for (int i = 0; i < 10; i++) {
            peak = Math.max(peak, l.update(3 + 0.1 * random.nextGaussian()));
        }
        assertThat(peak).as("within 10 scores of a 20-sigma step").isGreaterThan(0.99999);
        double lastHundredMax = 0;
        for (int i = 0; i < 2000; i++) {
            double likelihood = l.update(3 + 0.1 * random.nextGaussian());
            if (i >= 1900) {
                lastHundredMax = Math.max(lastHundredMax, likelihood);
            }
        }
        assertThat(lastHundredMax).as("ten horizons after the step").isLessThan(0.999);
        assertThat(l.likelihood()).isBetween(0.0, 1.0);
    }

    @Test
    void isHalfDuringTheWarmUp() {
        AnomalyLikelihood l = new AnomalyLikelihood(FAST);
        for (int i = 0; i < 48; i++) {
            l.update(1);
        }
        assertThat(l.update(1e6)).isEqualTo(0.5);
        assertThat(l.warmedUp()).isFalse();
        l.update(1e6);
        assertThat(l.warmedUp()).isTrue();
        assertThat(l.likelihood()).isGreaterThan(0.5);
    }

    @Test
    void keepsResolutionWhereTheLikelihoodRoundsToOne() {
        AnomalyLikelihood l = new AnomalyLikelihood(FAST.withShortWindow(1));
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            l.update(1 + 0.1 * random.nextGaussian());
        }
        assertThat(l.update(2.5)).isEqualTo(1.0);
        double strong = l.tailProbability();
        assertThat(strong).isPositive().isLessThan(1e-20);
        assertThat(l.logLikelihood()).isEqualTo(1.0);
        l.update(1.5);
        assertThat(l.tailProbability()).isGreaterThan(strong);
        assertThat(l.logLikelihood()).isBetween(0.0, 1.0);
    }

    @Test
    void resumesIdenticallyAfterJavaSerialisation() throws Exception {
        AnomalyLikelihood original = new AnomalyLikelihood(FAST);
        Random random = new Random(5);
        for (int i = 0; i < 537; i++) {
            original.update(Math.abs(random.nextGaussian()));
        }
        AnomalyLikelihood copy = roundTrip(original);
        assertThat(copy.count()).isEqualTo(original.count());
        assertThat(copy.settings()).isEqualTo(original.settings());
        for (int i = 0; i < 500; i++) {
            double score = Math.abs(random.nextGaussian()) + (i == 250 ? 5 : 0);
            assertThat(copy.update(score)).isEqualTo(original.update(score));
            assertThat(copy.tailProbability()).isEqualTo(original.tailProbability());
        }
    }

    @Test
    void rejectsInvalidSettingsAndScores() {
        assertThatThrownBy(() -> new AnomalyLikelihood.Settings(1, 1, 1, 1e-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid horizon: 1");
        assertThatThrownBy(() -> new AnomalyLikelihood.Settings(100, 0, 10, 1e-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid shortWindow: 0");
        assertThatThrownBy(() -> new AnomalyLikelihood.Settings(100, 101, 200, 1e-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizon = 100");
        assertThatThrownBy(() -> new AnomalyLikelihood.Settings(100, 10, 5, 1e-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid warmUp: 5");
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new AnomalyLikelihood.Settings(100, 10, 10, bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid minStdDev");
        }
        assertThatThrownBy(() -> new AnomalyLikelihood(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("settings");
        AnomalyLikelihood l = new AnomalyLikelihood(FAST);
        assertThatThrownBy(() -> l.update(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("score must be finite");
        assertThat(l.count()).isZero();
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
