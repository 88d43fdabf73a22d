package dev.recon.operators.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.testing.TestBundles;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.scoring.SensorIdKey;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RawWindow;
import dev.recon.operators.types.SensorReading;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link WindowAssembler}: event-time order, late readings, holding, channels, state. */
class WindowAssemblerTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long STEP = 60_000L;

    @TempDir
    static Path tmp;

    private static WindowSpec single;
    private static WindowSpec two;
    private final List<KeyedOneInputStreamOperatorTestHarness<String, SensorReading, RawWindow>> harnesses =
            new ArrayList<>();

    @BeforeAll
    static void specs() throws Exception {
        single = WindowSpec.of(ModelBundle.load(TestBundles.writeDense(tmp.resolve("s"), List.of("v"), 4, 2, 1))
                .manifest());
        two = WindowSpec.of(ModelBundle.load(TestBundles.writeDense(tmp.resolve("t"), List.of("temp", "vib"), 3, 1, 1))
                .manifest());
    }

    @AfterEach
    void close() throws Exception {
        for (var h : harnesses) {
            h.close();
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<String, SensorReading, RawWindow> harness(
            WindowSpec spec, LateRecordPolicy policy, long maxHoldMs) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new WindowAssembler(spec, policy, maxHoldMs)), new SensorIdKey(), Types.STRING);
        harnesses.add(h);
        return h;
    }

    private static long ts(int i) {
        return T0 + STEP * i;
    }

    private static StreamRecord<SensorReading> reading(String sensor, int i, double value) {
        byte[] payload = ("{\"sensorId\":\"" + sensor + "\",\"ts\":" + ts(i) + ",\"value\":" + value + "}")
                .getBytes(StandardCharsets.UTF_8);
        return new StreamRecord<>(SensorReading.single(sensor, ts(i), value, "r/0@" + i, payload), ts(i));
    }

    private static List<DeadLetter> deadLetters(KeyedOneInputStreamOperatorTestHarness<String, SensorReading, RawWindow> h) {
        var out = h.getSideOutput(WindowAssembler.DEAD_LETTERS);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void putsOutOfOrderReadingsBackInOrderOnceTheWatermarkPassesThem() throws Exception {
        var h = harness(single, LateRecordPolicy.DLQ, 60_000);
        h.open();
        // arrival order 0 2 1 3 5 4: within the out-of-orderness the watermark allows
        for (int i : new int[] {0, 2, 1, 3, 5, 4}) {
            h.processElement(reading("a", i, i * 10));
        }
        assertThat(h.extractOutputValues()).as("nothing before the watermark").isEmpty();
        assertThat(h.numEventTimeTimers()).isEqualTo(6);
        h.processWatermark(new Watermark(ts(5)));
        List<RawWindow> windows = h.extractOutputValues();
        // length 4, stride 2: windows end at readings 3 and 5, with the values in timestamp order
        assertThat(windows).extracting(RawWindow::end).containsExactly(ts(3), ts(5));
        assertThat(windows.get(0).values()).containsExactly(0, 10, 20, 30);
        assertThat(windows.get(1).values()).containsExactly(20, 30, 40, 50);
        assertThat(windows.get(1).timestamps()).containsExactly(ts(2), ts(3), ts(4), ts(5));
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(deadLetters(h)).isEmpty();
    }

    @Test
    void readingsBehindTheWatermarkOrAlreadyWindowedReadingsAreLate() throws Exception {
        var h = harness(single, LateRecordPolicy.DLQ, 60_000);
        h.open();
        h.processElement(reading("a", 5, 1));
        h.processWatermark(new Watermark(ts(5)));
        StreamRecord<SensorReading> late = reading("a", 3, 2);
        h.processElement(late);
        assertThat(deadLetters(h)).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.LATE);
            assertThat(d.payload()).isEqualTo(late.getValue().payload());
            assertThat(d.detail()).contains("sensor 'a'", "watermark " + ts(5));
        });
        // another sensor behind the watermark is late too (the watermark is the job's, not the sensor's)
        h.processElement(reading("b", 4, 2));
        assertThat(deadLetters(h)).hasSize(2);
        var accumulators = h.getEnvironment().getAccumulatorRegistry().getUserMap();
        assertThat(accumulators.get(ReconMetrics.DEAD_LETTERS_ACCUMULATOR).getLocalValue()).isEqualTo(2L);
    }

    @Test
    void dropPolicyCountsLateReadingsWithoutDeadLetters() throws Exception {
        var h = harness(single, LateRecordPolicy.DROP, 60_000);
        h.open();
        h.processElement(reading("a", 5, 1));
        h.processWatermark(new Watermark(ts(5)));
        h.processElement(reading("a", 1, 2));
        assertThat(deadLetters(h)).isEmpty();
        var accumulators = h.getEnvironment().getAccumulatorRegistry().getUserMap();
        assertThat(accumulators.get(ReconMetrics.DEAD_LETTERS_ACCUMULATOR).getLocalValue()).isEqualTo(1L);
    }

    @Test
    void aReadingHeldLongerThanMaxHoldIsReleasedWithoutTheWatermark() throws Exception {
        var h = harness(single, LateRecordPolicy.DLQ, 1000);
        h.open();
        h.setProcessingTime(0);
        for (int i = 0; i < 4; i++) {
            h.processElement(reading("a", i, i));
        }
        h.setProcessingTime(500);
        assertThat(h.extractOutputValues()).isEmpty();
        h.setProcessingTime(1100);
        assertThat(h.extractOutputValues()).extracting(RawWindow::end).containsExactly(ts(3));
        // the sensor has moved on: an older reading can no longer be placed
        h.processElement(reading("a", 2, 9));
        assertThat(deadLetters(h)).extracting(DeadLetter::reason).containsExactly(DeadLetterReason.LATE);
    }

    @Test
    void mapsChannelsAndRejectsMismatchesAndOverflowsWithoutState() throws Exception {
        var h = harness(two, LateRecordPolicy.DLQ, 60_000);
        h.open();
        for (int i = 0; i < 3; i++) {
            // arrives in the opposite order of the model's channels
            h.processElement(new StreamRecord<>(new SensorReading("a", ts(i), new String[] {"vib", "temp"},
                    new double[] {0.1 * i, 20 + i}, "r/0@" + i, new byte[0]), ts(i)));
        }
        h.processElement(new StreamRecord<>(new SensorReading("c", ts(0), new String[] {"temp", "rpm"},
                new double[] {1, 2}, "r/0@9", "x".getBytes(StandardCharsets.UTF_8)), ts(0)));
        h.processElement(new StreamRecord<>(new SensorReading("d", ts(0), new String[] {"temp", "vib"},
                new double[] {1e39, 2}, "r/0@10", new byte[0]), ts(0)));
        h.processWatermark(new Watermark(ts(3)));
        assertThat(h.extractOutputValues()).singleElement().satisfies(w ->
                assertThat(w.values()).containsExactly(20, 0, 21, 0.1, 22, 0.2));
        assertThat(deadLetters(h)).extracting(DeadLetter::reason)
                .containsExactly(DeadLetterReason.CHANNEL_MISMATCH, DeadLetterReason.NON_FINITE_VALUE);
        assertThat(deadLetters(h).get(0).detail()).contains("missing [vib]", "unexpected [rpm]");
        assertThat(deadLetters(h).get(1).detail()).contains("'temp'", "1.0E39", "float32");
    }

    @Test
    void continuesTheSameWindowsAfterARestore() throws Exception {
        var before = harness(single, LateRecordPolicy.DLQ, 60_000);
        before.open();
        for (int i = 0; i < 5; i++) {
            before.processElement(reading("a", i, i));
        }
        before.processWatermark(new Watermark(ts(2)));
        OperatorSubtaskState snapshot = before.snapshot(1L, 1L);
        var after = harness(single, LateRecordPolicy.DLQ, 60_000);
        after.initializeState(snapshot);
        after.open();
        for (int i = 5; i < 8; i++) {
            after.processElement(reading("a", i, i));
        }
        after.processWatermark(new Watermark(ts(7)));
        List<RawWindow> all = new ArrayList<>(before.extractOutputValues());
        all.addAll(after.extractOutputValues());
        // pending readings 3 and 4 survived in state and were windowed after the restore
        assertThat(all).extracting(RawWindow::end).containsExactly(ts(3), ts(5), ts(7));
        assertThat(all.get(2).values()).containsExactly(4, 5, 6, 7);
    }
}
