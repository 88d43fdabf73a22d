package dev.recon.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link NabScorer} against numbers worked out from NAB's formulas by hand. */
class NabScorerTest {

    /** 100 rows one minute apart, one labelled window over rows 40..49; rows 0..14 are probationary. */
    private static final NabFile FILE = file();

    private static NabFile file() {
        long[] ts = new long[100];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = 60_000L * i;
        }
        return new NabFile("g/f.csv", ts, new double[100], List.of(new long[] {ts[40], ts[49]}));
    }

    private static double[] detections(int... rows) {
        double[] scores = new double[100];
        for (int r : rows) {
            scores[r] = 1.0;
        }
        return scores;
    }

    private static NabScorer.Result score(double[] scores) {
        return new NabScorer(NabProfile.STANDARD).score(List.of(FILE), List.of(scores));
    }

    @Test
    void aDetectionAtTheStartOfEveryWindowScores100AndNoDetectionScores0() {
        NabScorer.Result perfect = score(detections(40));
        assertThat(perfect.normalizedScore()).isCloseTo(100.0, within(1e-9));
        assertThat(perfect.detectedWindows()).isEqualTo(1);
        assertThat(perfect.threshold()).isEqualTo(1.0);
        // a constant score: detecting everything costs more than it gains, so nothing is the best
        NabScorer.Result none = score(new double[100]);
        assertThat(none.normalizedScore()).isCloseTo(0.0, within(1e-9));
        assertThat(none.detectedWindows()).isZero();
    }

    @Test
    void laterDetectionsEarnLessAndFalsePositivesCost() {
        // half-way into the window: 2 * sigmoid(2.5) - 1 = 0.84828, over the 0.98661 of the left edge
        assertThat(score(detections(45)).normalizedScore()).isCloseTo(92.98962834548918, within(1e-9));
        // row 44 inside, row 60 eleven rows past the window end (position 11/9, weight 0.11)
        NabScorer.Result withFp = score(detections(44, 60));
        assertThat(withFp.normalizedScore()).isCloseTo(90.3957789562355, within(1e-9));
        assertThat(withFp.falsePositiveRows()).isEqualTo(1);
        // detections in the probationary period are not scored
        assertThat(score(detections(5, 40)).normalizedScore()).isCloseTo(100.0, within(1e-9));
        // only the best detection of a window counts: more detections inside it change nothing
        assertThat(score(detections(40, 41, 45)).normalizedScore()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void profilesWeighMissesAndFalseAlarmsDifferently() {
        double[] scores = detections(44, 60);
        double standard = new NabScorer(NabProfile.STANDARD).score(List.of(FILE), List.of(scores)).rawScore();
        double lowFp = new NabScorer(NabProfile.REWARD_LOW_FP).score(List.of(FILE), List.of(scores)).rawScore();
        assertThat(lowFp).isLessThan(standard);
        NabScorer.Result lowFn = new NabScorer(NabProfile.REWARD_LOW_FN).score(List.of(FILE), List.of(new double[100]));
        assertThat(lowFn.rawScore()).isEqualTo(-2.0); // one missed window, weight 2
    }

    @Test
    void scaledSigmoidMatchesNab() {
        assertThat(NabScorer.scaledSigmoid(-1.0)).isCloseTo(0.98661, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(0.0)).isEqualTo(0.0);
        assertThat(NabScorer.scaledSigmoid(1.0)).isCloseTo(-0.98661, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(3.0)).isEqualTo(-1.0);
    }
}
