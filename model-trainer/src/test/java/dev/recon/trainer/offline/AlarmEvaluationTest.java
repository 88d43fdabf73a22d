package dev.recon.trainer.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link AlarmEvaluation}. */
class AlarmEvaluationTest {

    @Test
    void countsCaughtEpisodesOnceAndAlarmsOutsideThem() {
        //                   episode 1 (rows 1-3)     episode 2 (rows 6-7)  episode 3 (row 9)
        boolean[] labels = {false, true, true, true, false, false, true, true, false, true};
        double[] scores = {0.9, 0.1, 0.8, 0.75, 0.2, 0.71, 0.3, 0.69, 0.0, 0.7};
        AlarmEvaluation e = AlarmEvaluation.of(scores, 0.7, labels);
        // alarms at rows 0 (outside), 2 and 3 (episode 1, counted once), 5 (outside), 9 (episode 3, at the level)
        assertThat(e).isEqualTo(new AlarmEvaluation(3, 2, 5, 2));
    }

    @Test
    void refusesLabelsOfAnotherLength() {
        assertThatThrownBy(() -> AlarmEvaluation.of(new double[3], 0.7, new boolean[2]))
                .hasMessageContaining("anomaly scores of 3 rows but labels of 2 rows");
    }
}
