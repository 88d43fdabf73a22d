package dev.recon.trainer.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.bundle.NoveltySpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.scoring.StreamAlarm;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.testing.TestBundles;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ScoredSeriesCsv} and {@link ChannelAlignment}. */
class ScoredSeriesCsvTest {

    @TempDir
    Path tmp;

    @Test
    void writesOneRowPerInputRowWithZeroBeforeTheFirstWindow() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 10; i++) {
            csv.append("2014-03-07 03:").append(10 + i).append(":00,").append(i * 1.5).append('\n');
        }
        Path data = Files.writeString(tmp.resolve("d.csv"), csv);
        Path bundle = TestBundles.writeDense(tmp.resolve("b"), List.of("temperature"), 4, 1, 0.0);
        try (LoadedModel model = ModelBundle.load(bundle).open()) {
            ScoredSeriesCsv.Summary s = ScoredSeriesCsv.write(TimeSeriesCsv.read(data), model, tmp.resolve("out/s.csv"));
            assertThat(s.rows()).isEqualTo(10);
            assertThat(s.scoredRows()).isEqualTo(7);
            assertThat(s.overThresholdRows()).isEqualTo(7);
            assertThat(s.anomalousRows()).as("the alarm: only the first window of the episode").isEqualTo(1);
            assertThat(s.alarmLevel()).isEqualTo(AlarmSpec.DEFAULT_LEVEL);
        }
        List<String> lines = Files.readAllLines(tmp.resolve("out/s.csv"));
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).isEqualTo("timestamp,value,score,threshold,anomaly_score,is_anomaly");
        assertThat(lines.get(1)).isEqualTo("2014-03-07 03:10:00,0.0,0.0,0.0,0.0,0");
        assertThat(lines.get(3)).startsWith("2014-03-07 03:12:00,3.0,0.0,");
        String[] fourth = lines.get(4).split(",");
        assertThat(Double.parseDouble(fourth[2])).isPositive();
        // threshold 0: any error is a huge severity, and the first one is an onset: anomaly score 1
        assertThat(Double.parseDouble(fourth[4])).isEqualTo(1.0);
        assertThat(fourth[5]).isEqualTo("1");
        String[] fifth = lines.get(5).split(",");
        assertThat(Double.parseDouble(fifth[4])).as("silent: the alarm re-arms after its look-back of 4 windows")
                .isZero();
        assertThat(fifth[5]).isEqualTo("0");
    }

    @Test
    void anomalyScoresJudgeTheJobsWindowsWithTheBundlesAlarm() {
        AlarmSpec alarm = new AlarmSpec(AlarmSpec.ONSET_LIKELIHOOD, 0.7, 2, 50, 3, 2, List.of(), null, "test");
        double threshold = 0.5;
        double[] raw = {0.1, 0.2, 0.1, 0.3, 4.0, 0.2, 6.0, 0.1, 0.1, 0.2, 0.3, 0.1};
        WindowScore[] scores = new WindowScore[raw.length + 3];
        for (int i = 0; i < raw.length; i++) {
            scores[i + 3] = new WindowScore(raw[i], new double[] {raw[i]}, new double[] {raw[i]});
        }
        long[] times = minutes(scores.length);
        // stride 2: the job scores the first window (row 3) and every second one after it
        double[] got = ScoredSeriesCsv.anomalyScores(scores, times, rowsOf(scores.length), 4, threshold, alarm, 2);
        StreamAlarm rule = StreamAlarm.of(alarm);
        int alarms = 0;
        for (int i = 0; i < scores.length; i++) {
            if (i < 3 || (i - 3) % 2 != 0) {
                assertThat(got[i]).as("row %d is not a window the job scores", i).isZero();
            } else {
                alarms += rule.update(raw[i - 3] / threshold, alarm) ? 1 : 0;
                assertThat(got[i]).as("row %d", i).isEqualTo(rule.anomalyScore()).isBetween(0.0, 1.0);
            }
        }
        // the spike of row 7 alarms; the next two judged windows are silent, the higher spike of row 9 too
        assertThat(alarms).isEqualTo(1);
        assertThat(got[7]).isGreaterThanOrEqualTo(0.7);
        assertThat(got[9]).isZero();
        assertThat(got[11]).isZero();
        AlarmSpec armed = new AlarmSpec(AlarmSpec.ONSET_LIKELIHOOD, 0.7, 2, 50, 3, 0, List.of(), null, "test");
        assertThat(ScoredSeriesCsv.anomalyScores(scores, times, rowsOf(scores.length), 4, threshold, armed, 2)[9])
                .isGreaterThanOrEqualTo(0.7);
        // a break restarts the count: the first window after it is judged
        scores[9] = null;
        double[] afterBreak = ScoredSeriesCsv.anomalyScores(scores, times, rowsOf(scores.length), 4, threshold, armed,
                2);
        assertThat(afterBreak[10]).isPositive();
        assertThat(afterBreak[11]).isZero();
    }

    @Test
    void theNoveltyJudgesTheRowsEachJudgedWindowAdds() {
        AlarmSpec plain = new AlarmSpec(AlarmSpec.ONSET_LIKELIHOOD, 0.7, 2, 50, 3, 2, List.of(), null, "test");
        AlarmSpec novel = plain.withNovelty(NoveltySpec.fit(new double[][] {{0}, {1}, {2}}, 0));
        int n = 20;
        WindowScore[] scores = new WindowScore[n];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {i % 3};
            scores[i] = i < 3 ? null : new WindowScore(0.2, new double[] {0.2}, new double[] {0.2});
        }
        rows[8] = new double[] {9}; // between judged windows 7 and 9 (stride 2): window 9 adds rows 8 and 9
        rows[14] = new double[] {-9}; // window 15 adds rows 14 and 15
        rows[0] = new double[] {30}; // before the first window (row 3, which adds rows 2 and 3): never judged
        double[] got = ScoredSeriesCsv.anomalyScores(scores, minutes(n), rows, 4, 0.5, novel, 2);
        double[] without = ScoredSeriesCsv.anomalyScores(scores, minutes(n), rows, 4, 0.5, plain, 2);
        assertThat(got[9]).isEqualTo(1.0);
        assertThat(got[15]).isEqualTo(1.0);
        // each page silences the onset for the re-arm period: the next two judged windows
        java.util.Set<Integer> silenced = java.util.Set.of(11, 13, 17, 19);
        for (int i = 0; i < n; i++) {
            if (silenced.contains(i)) {
                assertThat(got[i]).as("row %d", i).isZero();
            } else if (i != 9 && i != 15) {
                assertThat(got[i]).as("row %d", i).isEqualTo(without[i]);
            }
        }
        assertThat(without[11]).as("the onset's score there without the novelty").isPositive();
    }

    private static double[][] rowsOf(int n) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {i};
        }
        return rows;
    }

    private static long[] minutes(int rows) {
        long[] times = new long[rows];
        for (int i = 0; i < rows; i++) {
            times[i] = 1_700_000_000_000L + i * 60_000L;
        }
        return times;
    }

    /** Hourly windows with a spike at 05:00 every day: a recurring error, new only on its first day. */
    @Test
    void aSpikeAtTheSameTimeEveryDayAlarmsOnItsFirstDayOnlyWithADailyPeriod() {
        int days = 5;
        WindowScore[] scores = new WindowScore[24 * days];
        long[] times = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            double raw = i % 24 == 5 ? 3.0 : 0.2 + 0.01 * (i % 7);
            scores[i] = new WindowScore(raw, new double[] {raw}, new double[] {raw});
            times[i] = i * 3_600_000L;
        }
        AlarmSpec plain = new AlarmSpec(AlarmSpec.ONSET_LIKELIHOOD, 0.7, 2, 50, 3, 2, List.of(), null, "test");
        AlarmSpec daily = plain.withSeasonalPeriods(List.of("P1D"));
        double[] withoutPeriod = ScoredSeriesCsv.anomalyScores(scores, times, rowsOf(scores.length), 2, 1.0, plain, 1);
        double[] withPeriod = ScoredSeriesCsv.anomalyScores(scores, times, rowsOf(scores.length), 2, 1.0, daily, 1);
        for (int day = 0; day < days; day++) {
            int spike = 24 * day + 5;
            assertThat(withoutPeriod[spike]).as("day %d without a period", day).isGreaterThanOrEqualTo(0.7);
            if (day == 0) {
                assertThat(withPeriod[spike]).as("the first spike").isEqualTo(withoutPeriod[spike]);
            } else {
                // as high as yesterday's at this hour: an onset of 1 at most, an anomaly score below the level
                assertThat(withPeriod[spike]).as("day %d with a daily period", day).isLessThan(0.7);
            }
        }
    }

    @Test
    void reordersNamedChannelsAndRejectsMismatches() {
        TimeSeries s = new TimeSeries("f.csv", List.of("b", "a"), new long[] {1}, new double[][] {{2, 1}}, null);
        assertThat(ChannelAlignment.align(s, List.of("a", "b"))[0]).containsExactly(1, 2);
        assertThatThrownBy(() -> ChannelAlignment.align(s, List.of("a", "c")))
                .hasMessageContaining("f.csv has columns [b, a] but the model expects channels [a, c]; missing [c]; unexpected [b]");
    }
}
