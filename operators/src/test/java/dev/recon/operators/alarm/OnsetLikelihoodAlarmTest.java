package dev.recon.operators.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.bundle.NoveltySpec;
import dev.recon.model.scoring.OnsetLikelihood;
import dev.recon.model.scoring.StreamAlarm;
import dev.recon.operators.incidents.ScoredWindowSensorKey;
import dev.recon.operators.types.AnomalyEvent;
import dev.recon.operators.types.ScoredWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link OnsetLikelihoodAlarm}. */
class OnsetLikelihoodAlarmTest {

    private static final int LOOK_BACK = 8;
    /** Onset x likelihood 1.2 as an anomaly score. */
    private static final double LEVEL = OnsetLikelihood.anomalyScore(1.2);
    private static final AlarmSpec SPEC =
            new AlarmSpec(AlarmSpec.ONSET_LIKELIHOOD, LEVEL, LOOK_BACK, 500, 50, LOOK_BACK, List.of(), null, "test");
    /** The same alarm re-armed at once. */
    private static final AlarmSpec ALWAYS_ARMED =
            new AlarmSpec(AlarmSpec.ONSET_LIKELIHOOD, LEVEL, LOOK_BACK, 500, 50, 0, List.of(), null, "test");
    /** The same alarm with a seasonal period of 100 windows (they are a second apart). */
    private static final AlarmSpec SEASONAL = SPEC.withSeasonalPeriods(List.of("PT100S"));
    /** The same alarm with a novelty: readings from 0 to 1 in training, a rest of 20 windows. */
    private static final AlarmSpec NOVEL =
            SPEC.withNovelty(NoveltySpec.fit(new double[][] {{0}, {0.25}, {0.5}, {0.75}, {1}}, 20));
    private static final AlarmSettings SETTINGS =
            new AlarmSettings(Map.of("m", SPEC, "armed", ALWAYS_ARMED, "seasonal", SEASONAL, "novel", NOVEL));

    private KeyedOneInputStreamOperatorTestHarness<String, ScoredWindow, ScoredWindow> h;

    @BeforeEach
    void open() throws Exception {
        h = harness();
        h.open();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ScoredWindow, ScoredWindow> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new OnsetLikelihoodAlarm(SETTINGS, 10)), new ScoredWindowSensorKey(),
                Types.STRING);
    }

    private static ScoredWindow window(String sensor, long i, double severity, String version) {
        return window(sensor, i, severity, "m", version);
    }

    private static ScoredWindow window(String sensor, long i, double severity, String model, String version) {
        return window(sensor, i, severity, model, version, 0.5);
    }

    private static ScoredWindow window(String sensor, long i, double severity, String model, String version,
            double newestReading) {
        double threshold = 0.02;
        double score = severity * threshold;
        return new ScoredWindow(sensor, i * 1000 - 63_000, i * 1000, score, threshold, score >= threshold,
                new String[] {"v"}, new double[] {score}, i * 1000, model, version, new double[] {newestReading});
    }

    /** Noise around 0.5 of the threshold with a spike of {@code spike} at each index in {@code spikes}. */
    private static double[] severities(int n, long seed, double spike, int... spikes) {
        Random random = new Random(seed);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.max(0, 0.5 + 0.05 * random.nextGaussian());
        }
        for (int at : spikes) {
            for (int k = at; k < Math.min(n, at + LOOK_BACK); k++) {
                s[k] = spike; // one unusual reading stays in look-back windows
            }
        }
        return s;
    }

    private List<ScoredWindow> feed(String sensor, double[] severities, String version) throws Exception {
        for (int i = 0; i < severities.length; i++) {
            h.processElement(new StreamRecord<>(window(sensor, i, severities[i], version), i * 1000L));
        }
        return h.extractOutputValues();
    }

    /** A failover: snapshots the operator, closes it and opens a fresh one restored from the snapshot. */
    private void restartFromASnapshot() throws Exception {
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        h.close();
        h = harness();
        h.initializeState(snapshot);
        h.open();
    }

    /** Feeds sensor a's windows {@code from} to the end of {@code severities}, numbered as their index. */
    private void feedFrom(int from, double[] severities) throws Exception {
        for (int i = from; i < severities.length; i++) {
            h.processElement(new StreamRecord<>(window("a", i, severities[i], "1"), i * 1000L));
        }
    }

    private List<AnomalyEvent> alarms() {
        ConcurrentLinkedQueue<StreamRecord<AnomalyEvent>> out = h.getSideOutput(OnsetLikelihoodAlarm.ANOMALIES);
        List<AnomalyEvent> events = new ArrayList<>();
        if (out != null) {
            out.forEach(r -> events.add(r.getValue()));
        }
        return events;
    }

    @Test
    void aSeasonalPeriodSilencesAnEpisodeThatRecursOnePeriodLater() throws Exception {
        double[] severities = severities(400, 3, 6, 200, 300);
        for (int i = 0; i < severities.length; i++) {
            h.processElement(new StreamRecord<>(window("plain", i, severities[i], "m", "1"), i * 1000L));
            h.processElement(new StreamRecord<>(window("cyclic", i, severities[i], "seasonal", "1"), i * 1000L));
        }
        assertThat(alarms()).filteredOn(e -> e.sensorId().equals("plain")).extracting(AnomalyEvent::windowEnd)
                .containsExactly(200_000L, 300_000L);
        // the second spike is as high as the first, one period earlier: no onset
        assertThat(alarms()).filteredOn(e -> e.sensorId().equals("cyclic")).extracting(AnomalyEvent::windowEnd)
                .containsExactly(200_000L);

        // restored, the seasonal maxima come back: a third spike a period after the second stays silent too
        restartFromASnapshot();
        double[] more = severities(600, 3, 6, 400);
        for (int i = 400; i < more.length; i++) {
            h.processElement(new StreamRecord<>(window("cyclic", i, more[i], "seasonal", "1"), i * 1000L));
        }
        assertThat(alarms()).filteredOn(e -> e.sensorId().equals("cyclic")).isEmpty();
    }

    @Test
    void aNeverSeenReadingPagesWhereTheErrorIsQuietAndIsKnownAfterARestore() throws Exception {
        double[] severities = severities(300, 5, 1);
        for (int i = 0; i < severities.length; i++) {
            double reading = i == 150 ? 7.5 : (i % 5) * 0.25;
            h.processElement(new StreamRecord<>(window("a", i, severities[i], "novel", "1", reading), i * 1000L));
            h.processElement(new StreamRecord<>(window("b", i, severities[i], "m", "1", reading), i * 1000L));
        }
        assertThat(alarms()).filteredOn(e -> e.sensorId().equals("b")).isEmpty();
        List<AnomalyEvent> novel = alarms().stream().filter(e -> e.sensorId().equals("a")).toList();
        assertThat(novel).extracting(AnomalyEvent::windowEnd).containsExactly(150_000L);
        assertThat(novel.get(0).alarm().score()).isEqualTo(1.0);
        assertThat(novel.get(0).alarm().newValue()).isTrue();
        assertThat(novel.get(0).alarm().onset()).isLessThan(1.0); // the error had no onset

        // restored, 7.5 is known; a value never seen pages again
        restartFromASnapshot();
        h.processElement(new StreamRecord<>(window("a", 300, 0.5, "novel", "1", 7.51), 300_000L));
        h.processElement(new StreamRecord<>(window("a", 301, 0.5, "novel", "1", -4), 301_000L));
        assertThat(alarms()).extracting(AnomalyEvent::windowEnd).containsExactly(301_000L);
    }

    @Test
    void alarmsOnceWhereAnEpisodeStartsAndMatchesTheOfflineScore() throws Exception {
        double[] severities = severities(400, 1, 6, 200, 300);
        List<ScoredWindow> out = feed("a", severities, "1");

        assertThat(out).hasSize(400);
        // the offline class fed the same severities decides the same windows
        StreamAlarm offline = StreamAlarm.of(SPEC);
        for (int i = 0; i < severities.length; i++) {
            boolean expected = offline.update(severities[i], SPEC);
            assertThat(out.get(i).anomalous()).as("window %d", i).isEqualTo(expected);
        }
        // the threshold would flag 16 windows; the rule flags the first of each episode
        assertThat(out.stream().filter(w -> w.score() >= w.threshold()).count()).isEqualTo(16);
        assertThat(out.stream().filter(ScoredWindow::anomalous).map(ScoredWindow::windowEnd))
                .containsExactly(200_000L, 300_000L);
        List<AnomalyEvent> alarms = alarms();
        assertThat(alarms).extracting(AnomalyEvent::windowEnd).containsExactly(200_000L, 300_000L);
        AnomalyEvent first = alarms.get(0);
        assertThat(first.alarm().rule()).isEqualTo("onset-likelihood");
        assertThat(first.alarm().newValue()).isFalse();
        assertThat(first.alarm().level()).isEqualTo(LEVEL);
        assertThat(first.alarm().onset()).isEqualTo(6.0); // the severity over the threshold (recent max < 1)
        assertThat(first.alarm().likelihood()).isGreaterThan(0.99);
        assertThat(first.alarm().score()).isCloseTo(1 - Math.exp(-first.alarm().onset() * first.alarm().likelihood()),
                org.assertj.core.data.Offset.offset(1e-12)).isBetween(0.0, 1.0);
        assertThat(first.severity()).isCloseTo(6.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first.sensorId()).isEqualTo("a");
    }

    @Test
    void keepsOneHistoryPerSensor() throws Exception {
        // sensor b runs at 5x the threshold all the time: its level is its norm, no alarm after the start
        double[] high = new double[300];
        java.util.Arrays.fill(high, 5.0);
        feed("b", high, "1");
        feed("a", severities(300, 2, 6, 250), "1");
        assertThat(alarms()).extracting(AnomalyEvent::sensorId, AnomalyEvent::windowEnd)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", 0L),
                        org.assertj.core.groups.Tuple.tuple("a", 250_000L));
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
    }

    @Test
    void aNewModelVersionStartsAFreshHistory() throws Exception {
        double[] severities = severities(300, 3, 0.5);
        feed("a", severities, "1");
        // version 2 scores higher everywhere: under version 1's history that would be an onset
        h.processElement(new StreamRecord<>(window("a", 300, 1.5, "2"), 300_000L));
        assertThat(h.extractOutputValues().get(300).anomalous())
                .as("1.5 x 0.5 (the likelihood is 0.5 while a fresh history warms up) is below 1.2").isFalse();
        double[] continued = new double[100];
        java.util.Arrays.fill(continued, 1.5);
        for (int i = 0; i < continued.length; i++) {
            h.processElement(new StreamRecord<>(window("a", 301 + i, continued[i], "2"), (301 + i) * 1000L));
        }
        assertThat(alarms()).isEmpty();
    }

    @Test
    void aNewModelVersionKeepsTheValuesTheSensorHasShown() throws Exception {
        double[] severities = severities(100, 3, 0.5);
        for (int i = 0; i < severities.length; i++) {
            double reading = i == 50 ? 6 : 0.5;
            h.processElement(new StreamRecord<>(window("a", i, severities[i], "novel", "1", reading), i * 1000L));
        }
        assertThat(alarms()).extracting(AnomalyEvent::windowEnd).containsExactly(50_000L);
        // version 2 of the same model: 6 was seen under version 1, -3 never
        h.processElement(new StreamRecord<>(window("a", 100, 0.5, "novel", "2", 6.01), 100_000L));
        assertThat(alarms()).hasSize(1);
        for (int i = 101; i < 125; i++) { // past the rest of 20 windows that the page at 50 started
            h.processElement(new StreamRecord<>(window("a", i, 0.5, "novel", "2", 0.5), i * 1000L));
        }
        h.processElement(new StreamRecord<>(window("a", 125, 0.5, "novel", "2", -3), 125_000L));
        assertThat(alarms()).extracting(AnomalyEvent::windowEnd).containsExactly(50_000L, 125_000L);
    }

    @Test
    void aNanScoreIsNormalAndLeavesTheHistoryAlone() throws Exception {
        h.processElement(new StreamRecord<>(window("a", 0, Double.NaN, "1"), 0L));
        assertThat(h.extractOutputValues()).singleElement().satisfies(w -> assertThat(w.anomalous()).isFalse());
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(OnsetLikelihoodAlarm.severity(1, 0)).isEqualTo(OnsetLikelihoodAlarm.MAX_SEVERITY);
        assertThat(OnsetLikelihoodAlarm.severity(-1, 0.5)).isZero();
    }

    @Test
    void theHistoryIsRestoredFromACheckpoint() throws Exception {
        double[] severities = severities(400, 4, 6, 120, 320);
        double[] before = java.util.Arrays.copyOfRange(severities, 0, 250);
        feed("a", before, "1");
        restartFromASnapshot();
        feedFrom(250, severities);
        // the alarm's score is exactly the uninterrupted offline score: the history survived the restore
        double[] offline = new double[severities.length];
        StreamAlarm alarm = StreamAlarm.of(SPEC);
        for (int i = 0; i < severities.length; i++) {
            alarm.update(severities[i], SPEC);
            offline[i] = alarm.anomalyScore();
        }
        assertThat(alarms()).extracting(AnomalyEvent::windowEnd).containsExactly(320_000L);
        assertThat(alarms().get(0).alarm().score()).isEqualTo(offline[320]);
        assertThat(h.extractOutputValues()).hasSize(150);
    }

    @Test
    void aClimbingEpisodePagesOnceUntilTheAlarmRearms() throws Exception {
        // the severity climbs for three look-backs: each window beats the last look-back's maximum
        double[] severities = severities(300, 5, 0);
        for (int k = 0; k < 3 * LOOK_BACK; k++) {
            severities[200 + k] = 2 * Math.pow(1.5, k);
        }
        for (int i = 0; i < severities.length; i++) {
            h.processElement(new StreamRecord<>(window("a", i, severities[i], "1"), i * 1000L));
            h.processElement(new StreamRecord<>(window("b", i, severities[i], "armed", "1"), i * 1000L));
        }
        List<AnomalyEvent> alarms = alarms();
        List<Long> rearmed = alarms.stream().filter(e -> e.sensorId().equals("a")).map(AnomalyEvent::windowEnd)
                .toList();
        List<Long> armed = alarms.stream().filter(e -> e.sensorId().equals("b")).map(AnomalyEvent::windowEnd)
                .toList();
        // always armed, the climb alarms on every window; re-armed after a look-back, once per look-back
        assertThat(armed).hasSize(3 * LOOK_BACK);
        assertThat(rearmed).containsExactly(200_000L, (200L + LOOK_BACK + 1) * 1000, (200L + 2 * LOOK_BACK + 2) * 1000);
        // a silent window is passed on as normal
        assertThat(h.extractOutputValues().stream().filter(w -> w.sensorId().equals("a") && w.windowEnd() == 201_000L))
                .singleElement().satisfies(w -> assertThat(w.anomalous()).isFalse());
    }

    @Test
    void aSilentAlarmStaysSilentAcrossARestore() throws Exception {
        double[] severities = severities(300, 6, 6, 200);
        severities[203] = 40; // inside the re-arm period of the alarm at 200: silent
        feed("a", java.util.Arrays.copyOfRange(severities, 0, 202), "1");
        assertThat(alarms()).extracting(AnomalyEvent::windowEnd).containsExactly(200_000L);
        restartFromASnapshot();
        feedFrom(202, severities);
        assertThat(alarms()).isEmpty();
        // without the re-arm period the spike at 203 would have paged again
        StreamAlarm armed = StreamAlarm.of(ALWAYS_ARMED);
        boolean pagedAt203 = false;
        for (int i = 0; i <= 203; i++) {
            pagedAt203 = armed.update(severities[i], ALWAYS_ARMED);
        }
        assertThat(pagedAt203).isTrue();
    }
}
