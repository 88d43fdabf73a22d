package dev.recon.operators.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.testing.TestBundles;
import dev.recon.model.window.GapPolicy;
import dev.recon.model.window.GridSeries;
import dev.recon.model.window.GridSink;
import dev.recon.model.window.ResampleSpec;
import dev.recon.model.window.Resampler;
import dev.recon.model.window.SlidingWindowBuffer;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.scoring.SensorIdKey;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RawWindow;
import dev.recon.operators.types.SensorReading;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link WindowAssembler}: event-time order, late readings, holding, channels, state; in
 * count mode and in time mode (resampling, gaps, parity with {@link GridSeries}).
 */
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
        assertThat(h.numEventTimeTimers()).as("one timer for the sensor, at its earliest pending reading").isOne();
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
    void aSensorHasOneTimerOfEachKindHoweverManyReadingsWait() throws Exception {
        var h = harness(single, LateRecordPolicy.DLQ, 1000);
        h.open();
        h.setProcessingTime(0);
        for (int i = 0; i < 50; i++) {
            h.processElement(reading("a", i, i));
        }
        assertThat(h.numEventTimeTimers()).isOne();
        assertThat(h.numProcessingTimeTimers()).isOne();
        h.processWatermark(new Watermark(ts(20)));
        assertThat(h.extractOutputValues()).hasSize(9); // windows end at readings 3, 5, ..., 19
        assertThat(h.numEventTimeTimers()).as("re-set at the earliest reading still pending").isOne();
        h.processWatermark(new Watermark(ts(49)));
        assertThat(h.extractOutputValues()).hasSize(24);
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void theHoldTimerFollowsTheEarliestReadingStillWaiting() throws Exception {
        var h = harness(single, LateRecordPolicy.DLQ, 1000);
        h.open();
        h.setProcessingTime(0);
        for (int i = 0; i < 4; i++) {
            h.processElement(reading("a", i, i));
        }
        h.setProcessingTime(500);
        h.processElement(reading("a", 4, 4));
        h.processElement(reading("a", 5, 5));
        h.processWatermark(new Watermark(ts(3))); // releases 0-3 (window at 3); 4 and 5 arrived at 500
        assertThat(h.extractOutputValues()).extracting(RawWindow::end).containsExactly(ts(3));
        h.setProcessingTime(1100); // the first arrivals' hold timer: 4 and 5 have not waited long enough
        assertThat(h.extractOutputValues()).hasSize(1);
        h.setProcessingTime(1600);
        assertThat(h.extractOutputValues()).extracting(RawWindow::end).containsExactly(ts(3), ts(5));
        assertThat(h.numProcessingTimeTimers()).isZero();
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

    // -- time mode ---------------------------------------------------------------------------------

    /** A grid-aligned instant: T0 is a multiple of a second. */
    private static long at(long offsetMs) {
        return T0 + offsetMs;
    }

    private static StreamRecord<SensorReading> readingAt(String sensor, long ts, double value) {
        byte[] payload = ("{\"sensorId\":\"" + sensor + "\",\"ts\":" + ts + ",\"value\":" + value + "}")
                .getBytes(StandardCharsets.UTF_8);
        return new StreamRecord<>(SensorReading.single(sensor, ts, value, "r/0@" + ts, payload), ts);
    }

    private static WindowSpec onGrid(WindowSpec spec, GapPolicy policy, int maxGapSteps) {
        return spec.withResampling(new ResampleSpec(1000, policy, maxGapSteps));
    }

    private static long accumulator(KeyedOneInputStreamOperatorTestHarness<String, SensorReading, RawWindow> h,
            String name) {
        var value = h.getEnvironment().getAccumulatorRegistry().getUserMap().get(name);
        return value == null ? 0 : (Long) value.getLocalValue();
    }

    @Test
    void timeModePutsOutOfOrderReadingsBackInOrderThenResamplesThemOntoTheGrid() throws Exception {
        var h = harness(onGrid(single, GapPolicy.FILL_FORWARD, 2), LateRecordPolicy.DLQ, 60_000);
        h.open();
        // readings at +100 +1300 +1800 +2500 +4700 +5200 +6900, arriving out of order
        long[][] arrivals = {{1300, 2}, {100, 1}, {2500, 4}, {1800, 3}, {5200, 6}, {4700, 5}, {6900, 7}};
        for (long[] r : arrivals) {
            h.processElement(readingAt("a", at(r[0]), r[1]));
        }
        assertThat(h.extractOutputValues()).as("nothing before the watermark").isEmpty();
        h.processWatermark(new Watermark(at(7000)));
        // grid +1000 [1] +2000 [3] +3000 [4] +4000 [4, filled] +5000 [5] +6000 [6]; +7000 is still open
        List<RawWindow> windows = h.extractOutputValues();
        assertThat(windows).hasSize(2);
        assertThat(windows.get(0).timestamps()).containsExactly(at(1000), at(2000), at(3000), at(4000));
        assertThat(windows.get(0).values()).containsExactly(1, 3, 4, 4);
        assertThat(windows.get(1).timestamps()).containsExactly(at(3000), at(4000), at(5000), at(6000));
        assertThat(windows.get(1).values()).containsExactly(4, 4, 5, 6);
        assertThat(h.numEventTimeTimers()).as("the open cell's timer").isOne();
        assertThat(accumulator(h, ReconMetrics.GRID_POINTS_FILLED_ACCUMULATOR)).isOne();
        assertThat(accumulator(h, ReconMetrics.GRID_POINTS_READ_ACCUMULATOR)).isEqualTo(5);

        // the watermark passing +7000 makes its point final without a newer reading
        h.processElement(readingAt("a", at(8100), 9));
        h.processWatermark(new Watermark(at(7001)));
        assertThat(accumulator(h, ReconMetrics.GRID_POINTS_READ_ACCUMULATOR)).isEqualTo(6);
        h.processWatermark(new Watermark(at(9001)));
        // the 8th point, +8000, is due (stride 2); it is filled from +6900
        assertThat(h.extractOutputValues()).hasSize(3).last().satisfies(w -> {
            assertThat(w.timestamps()).containsExactly(at(5000), at(6000), at(7000), at(8000));
            assertThat(w.values()).containsExactly(5, 6, 7, 7);
        });
        assertThat(accumulator(h, ReconMetrics.GRID_POINTS_READ_ACCUMULATOR)).as("+9000 too").isEqualTo(7);
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(deadLetters(h)).isEmpty();
    }

    @Test
    void timeModeReadingsBehindTheWatermarkOrInAnEmittedCellAreLate() throws Exception {
        WindowSpec spec = onGrid(single, GapPolicy.FILL_FORWARD, 2);
        var before = harness(spec, LateRecordPolicy.DLQ, 60_000);
        before.open();
        before.processElement(readingAt("a", at(100), 1));
        before.processElement(readingAt("a", at(1500), 2));
        before.processWatermark(new Watermark(at(2001)));
        before.processElement(readingAt("a", at(1999), 3)); // behind the watermark
        assertThat(deadLetters(before)).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.LATE);
            assertThat(d.detail()).contains("sensor 'a'", "watermark " + at(2001));
        });
        // after a restore the watermark starts again from nothing, but the emitted +2000 stays final
        OperatorSubtaskState snapshot = before.snapshot(1L, 1L);
        var after = harness(spec, LateRecordPolicy.DLQ, 60_000);
        after.initializeState(snapshot);
        after.open();
        after.processElement(readingAt("a", at(2000), 4));
        assertThat(deadLetters(after)).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.LATE);
            assertThat(d.detail()).contains("earliest timestamp its resampled grid still accepts " + at(2001));
        });
        after.processElement(readingAt("a", at(2001), 5)); // the next cell: fine
        assertThat(deadLetters(after)).hasSize(1);
    }

    @Test
    void aGapThatIsNotFilledRestartsTheWindow() throws Exception {
        var h = harness(onGrid(single, GapPolicy.INTERPOLATE, 2), LateRecordPolicy.DLQ, 60_000);
        h.open();
        // +1000..+5000, a 2-step gap (interpolated), +8000..+9000, a 3-step gap (broken), +13000..+16000
        long[] offsets = {1000, 2000, 3000, 4000, 5000, 8000, 9000, 13_000, 14_000, 15_000, 16_000, 17_000};
        for (long offset : offsets) {
            h.processElement(readingAt("a", at(offset), offset / 1000.0));
        }
        h.processWatermark(new Watermark(at(17_000)));
        List<RawWindow> windows = h.extractOutputValues();
        assertThat(windows).extracting(RawWindow::end)
                .containsExactly(at(4000), at(6000), at(8000), at(16_000));
        assertThat(windows.get(1).values()).containsExactly(3, 4, 5, 6);
        assertThat(windows.get(3).timestamps()).as("only points after the break")
                .containsExactly(at(13_000), at(14_000), at(15_000), at(16_000));
        assertThat(accumulator(h, ReconMetrics.GRID_POINTS_INTERPOLATED_ACCUMULATOR)).isEqualTo(2);
        assertThat(accumulator(h, ReconMetrics.WINDOW_BREAKS_ACCUMULATOR)).isOne();

        var b = harness(onGrid(single, GapPolicy.BREAK, 5), LateRecordPolicy.DLQ, 60_000);
        b.open();
        for (long offset : new long[] {1000, 2000, 3000, 5000, 6000, 7000, 8000, 9000}) {
            b.processElement(readingAt("a", at(offset), 1));
        }
        b.processWatermark(new Watermark(at(9001)));
        // one empty cell (+4000) breaks: the first window needs 4 points after it
        assertThat(b.extractOutputValues()).extracting(RawWindow::end).containsExactly(at(8000));
        assertThat(accumulator(b, ReconMetrics.WINDOW_BREAKS_ACCUMULATOR)).isOne();
    }

    @Test
    void timeModeContinuesTheSameGridAfterARestore() throws Exception {
        WindowSpec spec = onGrid(single, GapPolicy.FILL_FORWARD, 3);
        long[] offsets = {200, 900, 2300, 2400, 3100, 6500, 7600, 8000, 9900, 11_000, 12_700, 13_100};
        var whole = harness(spec, LateRecordPolicy.DLQ, 60_000);
        whole.open();
        for (long offset : offsets) {
            whole.processElement(readingAt("a", at(offset), offset));
        }
        whole.processWatermark(new Watermark(at(14_000)));

        var before = harness(spec, LateRecordPolicy.DLQ, 60_000);
        before.open();
        for (int i = 0; i < 8; i++) {
            before.processElement(readingAt("a", at(offsets[i]), offsets[i]));
        }
        before.processWatermark(new Watermark(at(7000))); // +8000 is open, reading +8000 pending
        OperatorSubtaskState snapshot = before.snapshot(1L, 1L);
        var after = harness(spec, LateRecordPolicy.DLQ, 60_000);
        after.initializeState(snapshot);
        after.open();
        for (int i = 8; i < offsets.length; i++) {
            after.processElement(readingAt("a", at(offsets[i]), offsets[i]));
        }
        after.processWatermark(new Watermark(at(14_000)));
        List<RawWindow> split = new ArrayList<>(before.extractOutputValues());
        split.addAll(after.extractOutputValues());
        assertThat(split).isNotEmpty().isEqualTo(whole.extractOutputValues());
    }

    @Test
    void streamedGridWindowsEqualTheOfflineGridOfTheSameReadings() throws Exception {
        Random random = new Random(42);
        for (GapPolicy policy : GapPolicy.values()) {
            WindowSpec spec = onGrid(two, policy, 3);
            var h = harness(spec, LateRecordPolicy.DLQ, 60_000);
            h.open();
            int n = 600;
            long[] ts = new long[n];
            double[][] rows = new double[n][];
            long t = T0;
            for (int i = 0; i < n; i++) {
                // distinct timestamps: of equal ones the job keeps arrival order, and arrival is shuffled here
                t += random.nextInt(25) == 0 ? 1000L * (2 + random.nextInt(5)) : 1 + random.nextInt(1100);
                ts[i] = t;
                rows[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
            }
            // arrival: shuffled within blocks of 5; after a block, a watermark up to 2 s behind the next one
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            for (int from = 0; from < n; from += 5) {
                List<Integer> block = order.subList(from, Math.min(n, from + 5));
                Collections.shuffle(block, random);
                for (int i : block) {
                    h.processElement(new StreamRecord<>(new SensorReading("a", ts[i], new String[] {"temp", "vib"},
                            rows[i], "r/0@" + i, new byte[0]), ts[i]));
                }
                if (from + 5 < n) {
                    h.processWatermark(new Watermark(ts[from + 5] - 1 - random.nextInt(2000)));
                }
            }
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(deadLetters(h)).as("every reading within the out-of-orderness").isEmpty();

            GridSeries grid = GridSeries.resample(ts, rows, spec.resampling());
            List<RawWindow> offline = new ArrayList<>();
            SlidingWindowBuffer ring = null;
            for (int i = 0; i < grid.size(); i++) {
                if (grid.startsSegment(i)) {
                    ring = new SlidingWindowBuffer(3, 2, 1);
                }
                if (ring.add(grid.timestamps()[i], grid.rows()[i])) {
                    offline.add(new RawWindow("a", ring.windowTimestamps(), ring.rawWindow()));
                }
            }
            assertThat(grid.breaks()).as(policy.name()).isPositive();
            assertThat(h.extractOutputValues()).as(policy.name()).isEqualTo(offline);
            assertThat(accumulator(h, ReconMetrics.WINDOW_BREAKS_ACCUMULATOR)).isEqualTo(grid.breaks());
            assertThat(accumulator(h, ReconMetrics.GRID_POINTS_FILLED_ACCUMULATOR)).isEqualTo(grid.filledPoints());
            assertThat(accumulator(h, ReconMetrics.GRID_POINTS_INTERPOLATED_ACCUMULATOR))
                    .isEqualTo(grid.interpolatedPoints());
        }
    }

    @Test
    void theResamplerIsKeptAsAFlinkPojoAndSurvivesItsSerializer() throws Exception {
        TypeInformation<Resampler> type = TypeInformation.of(Resampler.class);
        assertThat(type).as("no Kryo fallback").isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<Resampler> serializer = type.createSerializer(new SerializerConfigImpl());
        Resampler original = new Resampler(new ResampleSpec(1000, GapPolicy.INTERPOLATE, 4), 2);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        original.add(at(300), new double[] {1, 2}, recorder(expected));
        DataOutputSerializer bytes = new DataOutputSerializer(64);
        serializer.serialize(original, bytes);
        Resampler copy = serializer.deserialize(new DataInputDeserializer(bytes.getCopyOfBuffer()));
        assertThat(copy.spec()).isEqualTo(original.spec());
        original.add(at(3700), new double[] {5, 6}, recorder(expected));
        copy.add(at(3700), new double[] {5, 6}, recorder(actual));
        assertThat(actual).hasSize(3).isEqualTo(expected);
    }

    private static GridSink recorder(List<String> lines) {
        return new GridSink() {
            @Override
            public void point(long time, double[] values, Origin origin) {
                lines.add(time + " " + Arrays.toString(values) + " " + origin);
            }

            @Override
            public void windowBreak(long lastPoint, long nextPoint, long missingPoints) {
                lines.add("break " + lastPoint + " " + nextPoint);
            }
        };
    }
}
