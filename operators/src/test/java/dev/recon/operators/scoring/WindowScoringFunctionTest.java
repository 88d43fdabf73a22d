package dev.recon.operators.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.testing.SyntheticSeries;
import dev.recon.model.testing.TestBundles;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.ScoredWindow;
import dev.recon.operators.types.SensorReading;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link WindowScoringFunction} in a keyed operator harness. */
class WindowScoringFunctionTest {

    private static final int WINDOW = 8;
    private static final int STRIDE = 4;
    /** Relative tolerance against offline scores: libtorch picks kernels per batch size. */
    private static final double RELATIVE = 1e-5;

    @TempDir
    static Path tmp;

    private static Path singleChannel;
    private static Path twoChannels;
    private static Path everythingAnomalous;

    private final List<KeyedOneInputStreamOperatorTestHarness<String, SensorReading, ScoredWindow>> harnesses =
            new ArrayList<>();

    @BeforeAll
    static void writeBundles() throws Exception {
        singleChannel = TestBundles.writeDense(tmp.resolve("single"), List.of("latency"), WINDOW, STRIDE, 1e9);
        twoChannels = TestBundles.writeDense(tmp.resolve("two"), List.of("temp", "vib"), WINDOW, STRIDE, 1e9);
        everythingAnomalous = TestBundles.writeDense(tmp.resolve("zero"), List.of("latency"), WINDOW, STRIDE, 0);
    }

    @AfterEach
    void closeHarnesses() throws Exception {
        for (var harness : harnesses) {
            harness.close();
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<String, SensorReading, ScoredWindow> harness(Path bundle)
            throws Exception {
        // Not ProcessFunctionTestHarnesses: it opens the harness, and a restore must come before open().
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new WindowScoringFunction(bundle.toString())),
                new SensorIdKey(), Types.STRING);
        harnesses.add(harness);
        return harness;
    }

    private static long ts(int i) {
        return 1_700_000_000_000L + 60_000L * i;
    }

    private static StreamRecord<SensorReading> single(String sensor, int i, double value) {
        String json = "{\"sensorId\":\"" + sensor + "\",\"ts\":" + ts(i) + ",\"value\":" + value + "}";
        return new StreamRecord<>(SensorReading.single(sensor, ts(i), value, "r/0@" + i,
                json.getBytes(StandardCharsets.UTF_8)), ts(i));
    }

    private static StreamRecord<SensorReading> named(String sensor, int i, String[] channels, double... values) {
        return new StreamRecord<>(new SensorReading(sensor, ts(i), channels, values, "r/0@" + i,
                ("{\"sensorId\":\"" + sensor + "\"}").getBytes(StandardCharsets.UTF_8)), ts(i));
    }

    @Test
    void emitsAWindowAtTheReadingThatFillsItAndThenEveryStride() throws Exception {
        var harness = harness(singleChannel);
        harness.open();
        double[] series = SyntheticSeries.sine(20, 10, 1);
        for (int i = 0; i < series.length; i++) {
            harness.processElement(single("a", i, series[i]));
        }
        List<ScoredWindow> windows = harness.extractOutputValues();
        // due at readings 7 (the first full window), 11, 15, 19
        assertThat(windows).extracting(ScoredWindow::windowEnd).containsExactly(ts(7), ts(11), ts(15), ts(19));
        assertThat(windows).extracting(ScoredWindow::windowStart).containsExactly(ts(0), ts(4), ts(8), ts(12));
        assertThat(windows).allSatisfy(w -> {
            assertThat(w.sensorId()).isEqualTo("a");
            assertThat(w.model()).isEqualTo("test-model");
            assertThat(w.modelVersion()).isEqualTo("1");
            assertThat(w.channels()).containsExactly("latency");
            assertThat(w.channelErrors()).hasSize(1);
            assertThat(w.channelErrors()[0]).isCloseTo(w.score(), within(1e-12)); // one channel: the same
            assertThat(w.peakTs()).isBetween(w.windowStart(), w.windowEnd());
            assertThat(w.threshold()).isEqualTo(1e9);
            assertThat(w.anomalous()).isFalse();
        });
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void keepsOneIndependentWindowPerSensor() throws Exception {
        var harness = harness(singleChannel);
        harness.open();
        // a sends 8 readings, b 5 (interleaved): only a has a full window
        for (int i = 0; i < 8; i++) {
            harness.processElement(single("a", i, 50 + i));
            if (i < 5) {
                harness.processElement(single("b", i, 50 - i));
            }
        }
        assertThat(harness.extractOutputValues()).extracting(ScoredWindow::sensorId).containsExactly("a");
        for (int i = 5; i < 8; i++) {
            harness.processElement(single("b", i, 50 - i));
        }
        assertThat(harness.extractOutputValues()).extracting(ScoredWindow::sensorId).containsExactly("a", "b");
        assertThat(harness.extractOutputValues().get(1).windowStart()).isEqualTo(ts(0));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    }

    @Test
    void scoresEqualTheOfflineSeriesScorer() throws Exception {
        int n = 60;
        double[] series = SyntheticSeries.withSpikes(SyntheticSeries.sine(n, 12, 3), 8, 30);
        var harness = harness(singleChannel);
        harness.open();
        for (int i = 0; i < n; i++) {
            harness.processElement(single("a", i, series[i]));
        }
        long[] timestamps = new long[n];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            timestamps[i] = ts(i);
            rows[i] = new double[] {series[i]};
        }
        WindowScore[] offline;
        try (LoadedModel model = ModelBundle.load(singleChannel).open()) {
            offline = new SeriesScorer(model).scoreRows(timestamps, rows);
        }
        List<ScoredWindow> windows = harness.extractOutputValues();
        assertThat(windows).hasSize((n - WINDOW) / STRIDE + 1);
        for (ScoredWindow window : windows) {
            int row = (int) ((window.windowEnd() - ts(0)) / 60_000L);
            WindowScore expected = offline[row];
            assertThat(window.score()).as("row %d", row)
                    .isCloseTo(expected.score(), within(RELATIVE * Math.abs(expected.score())));
            assertThat(window.peakTs()).as("row %d", row).isEqualTo(ts(row - WINDOW + 1 + expected.peakStep()));
        }
    }

    @Test
    void mapsNamedChannelsToTheModelsOrderWhateverOrderTheyArriveIn() throws Exception {
        var inOrder = harness(twoChannels);
        var shuffled = harness(twoChannels);
        inOrder.open();
        shuffled.open();
        for (int i = 0; i < WINDOW; i++) {
            double temp = 20 + Math.sin(i);
            double vib = 0.1 * i;
            inOrder.processElement(named("a", i, new String[] {"temp", "vib"}, temp, vib));
            shuffled.processElement(named("a", i, new String[] {"vib", "temp"}, vib, temp));
        }
        ScoredWindow expected = inOrder.extractOutputValues().get(0);
        ScoredWindow actual = shuffled.extractOutputValues().get(0);
        assertThat(actual.score()).isEqualTo(expected.score());
        assertThat(actual.channelErrorMap()).containsExactlyEntriesOf(expected.channelErrorMap());
        assertThat(actual.channels()).containsExactly("temp", "vib");
    }

    @Test
    void sendsChannelMismatchesToTheDeadLettersUnchangedAndKeepsNoStateForThem() throws Exception {
        var harness = harness(twoChannels);
        harness.open();
        StreamRecord<SensorReading> wrong = named("c", 0, new String[] {"temp", "rpm"}, 1, 2);
        harness.processElement(wrong);
        harness.processElement(single("d", 1, 5));

        assertThat(harness.extractOutputValues()).isEmpty();
        List<DeadLetter> dead = harness.getSideOutput(WindowScoringFunction.DEAD_LETTERS).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(dead).extracting(DeadLetter::reason)
                .containsExactly(DeadLetterReason.CHANNEL_MISMATCH, DeadLetterReason.CHANNEL_MISMATCH);
        assertThat(dead.get(0).payload()).isEqualTo(wrong.getValue().payload());
        assertThat(dead.get(0).origin()).isEqualTo("r/0@0");
        assertThat(dead.get(0).timestamp()).isEqualTo(ts(0));
        assertThat(dead.get(0).detail()).contains("missing [vib]", "unexpected [rpm]", "'test-model' version 1");
        assertThat(dead.get(1).detail()).contains("unnamed 'value'");
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void deadLettersAValueThatOverflowsTheModelsFloatInput() throws Exception {
        var harness = harness(singleChannel);
        harness.open();
        harness.processElement(single("a", 0, 1e39));
        assertThat(harness.getSideOutput(WindowScoringFunction.DEAD_LETTERS)).singleElement()
                .satisfies(r -> {
                    assertThat(r.getValue().reason()).isEqualTo(DeadLetterReason.NON_FINITE_VALUE);
                    assertThat(r.getValue().detail()).contains("'latency'", "1.0E39", "float32");
                });
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void continuesTheSameWindowsAfterARestore() throws Exception {
        double[] series = SyntheticSeries.sine(20, 10, 5);
        var uninterrupted = harness(singleChannel);
        uninterrupted.open();
        for (int i = 0; i < series.length; i++) {
            uninterrupted.processElement(single("a", i, series[i]));
        }

        var before = harness(singleChannel);
        before.open();
        for (int i = 0; i < 10; i++) {
            before.processElement(single("a", i, series[i]));
        }
        OperatorSubtaskState snapshot = before.snapshot(1L, 1L);
        var after = harness(singleChannel);
        after.initializeState(snapshot);
        after.open();
        for (int i = 10; i < series.length; i++) {
            after.processElement(single("a", i, series[i]));
        }
        List<ScoredWindow> resumed = new ArrayList<>(before.extractOutputValues());
        resumed.addAll(after.extractOutputValues());
        assertThat(resumed).hasSameSizeAs(uninterrupted.extractOutputValues());
        for (int k = 0; k < resumed.size(); k++) {
            ScoredWindow expected = uninterrupted.extractOutputValues().get(k);
            assertThat(resumed.get(k).windowEnd()).isEqualTo(expected.windowEnd());
            assertThat(resumed.get(k).score()).isCloseTo(expected.score(), within(RELATIVE * expected.score()));
        }
    }

    @Test
    void flagsWindowsAtOrAboveTheThresholdAndCountsThem() throws Exception {
        var harness = harness(everythingAnomalous);
        harness.open();
        for (int i = 0; i < 16; i++) {
            harness.processElement(single("a", i, i));
        }
        harness.processElement(named("a", 16, new String[] {"x"}, 1)); // one dead letter
        assertThat(harness.extractOutputValues()).hasSize(3).allSatisfy(w -> assertThat(w.anomalous()).isTrue());
        Map<String, Accumulator<?, ?>> accumulators = harness.getEnvironment().getAccumulatorRegistry().getUserMap();
        assertThat(accumulators.get(ReconMetrics.WINDOWS_SCORED_ACCUMULATOR).getLocalValue()).isEqualTo(3L);
        assertThat(accumulators.get(ReconMetrics.ANOMALIES_ACCUMULATOR).getLocalValue()).isEqualTo(3L);
        assertThat(accumulators.get(ReconMetrics.DEAD_LETTERS_ACCUMULATOR).getLocalValue()).isEqualTo(1L);
    }
}
