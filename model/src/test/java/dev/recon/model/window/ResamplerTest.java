package dev.recon.model.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests for {@link Resampler}: cells, each gap policy, max gap, alignment, finality and its state. */
class ResamplerTest {

    /** A grid time well away from zero, so alignment is tested on real-looking epoch times. */
    private static final long G = 1_700_000_000_000L;
    private static final long STEP = 1000;

    /** Writes what a resampler emits as readable lines. */
    static final class Recorder implements GridSink {
        final List<String> lines = new ArrayList<>();
        final List<Long> times = new ArrayList<>();

        @Override
        public void point(long time, double[] values, Origin origin) {
            times.add(time);
            lines.add("+" + (time - G) + " " + Arrays.toString(values) + " " + origin);
        }

        @Override
        public void windowBreak(long lastPoint, long nextPoint, long missingPoints) {
            lines.add("break +" + (lastPoint - G) + " .. +" + (nextPoint - G) + " missing " + missingPoints);
        }
    }

    private static Resampler resampler(GapPolicy policy, int maxGapSteps) {
        return new Resampler(new ResampleSpec(STEP, policy, maxGapSteps), 1);
    }

    private static void add(Resampler r, long offset, double value, Recorder out) {
        r.add(G + offset, new double[] {value}, out);
    }

    @Test
    void aPointTakesTheLastReadingOfItsCellWhichEndsAtTheGridTime() {
        Recorder out = new Recorder();
        Resampler r = resampler(GapPolicy.FILL_FORWARD, 5);
        add(r, -900, 1, out); // cell of +0
        add(r, -300, 2, out);
        add(r, 0, 3, out); // exactly on the grid time: still the cell of +0
        add(r, 0, 4, out); // equal timestamps: the later one wins
        assertThat(out.lines).as("the cell of +0 is still open").isEmpty();
        add(r, 1, 5, out); // just after: the cell of +1000, so +0 is final
        add(r, 1000, 6, out);
        add(r, 1700, 7, out);
        r.finish(out);
        assertThat(out.lines).containsExactly(
                "+0 [4.0] READING",
                "+1000 [6.0] READING",
                "+2000 [7.0] READING");
    }

    @Test
    void gridTimesAreMultiplesOfTheStepSinceTheEpochWhereverASeriesStarts() {
        ResampleSpec spec = new ResampleSpec(250, GapPolicy.FILL_FORWARD, 5);
        assertThat(spec.gridTimeOf(1_700_000_000_001L)).isEqualTo(1_700_000_000_250L);
        assertThat(spec.gridTimeOf(1_700_000_000_250L)).isEqualTo(1_700_000_000_250L);
        assertThat(spec.gridTimeOf(-1)).isZero();
        assertThat(spec.gridTimeOf(-251)).isEqualTo(-250);
        // two sensors starting at different offsets share grid times
        for (long start : new long[] {G + 17, G + 640, G - 3}) {
            Resampler r = new Resampler(spec, 1);
            Recorder out = new Recorder();
            for (long t = start; t < start + 5000; t += 237) {
                r.add(t, new double[] {t}, out);
            }
            r.finish(out);
            assertThat(out.times).isNotEmpty().allSatisfy(t -> assertThat(t % 250).isZero());
        }
    }

    @Test
    void nothingIsInventedBeforeTheFirstReading() {
        Recorder out = new Recorder();
        Resampler r = resampler(GapPolicy.INTERPOLATE, 5);
        add(r, 4500, 1, out);
        add(r, 5200, 2, out);
        r.finish(out);
        assertThat(out.lines).containsExactly("+5000 [1.0] READING", "+6000 [2.0] READING");
    }

    @Test
    void fillForwardCarriesTheLastReadingIntoEmptyCells() {
        Recorder out = new Recorder();
        Resampler r = resampler(GapPolicy.FILL_FORWARD, 5);
        add(r, -200, 1, out);
        add(r, 2900, 4, out); // cells +1000 and +2000 are empty
        r.finish(out);
        assertThat(out.lines).containsExactly(
                "+0 [1.0] READING",
                "+1000 [1.0] FILLED",
                "+2000 [1.0] FILLED",
                "+3000 [4.0] READING");
    }

    @Test
    void interpolateDrawsTheLineBetweenTheReadingsAroundTheGridTime() {
        Recorder out = new Recorder();
        Resampler r = resampler(GapPolicy.INTERPOLATE, 5);
        add(r, -500, 0, out); // the line runs from (-500, 0) to (3500, 40): 1 per 100 ms
        add(r, 3500, 40, out);
        r.finish(out);
        assertThat(out.lines).containsExactly(
                "+0 [0.0] READING",
                "+1000 [15.0] INTERPOLATED",
                "+2000 [25.0] INTERPOLATED",
                "+3000 [35.0] INTERPOLATED",
                "+4000 [40.0] READING");
    }

    @Test
    void interpolationIsPerChannel() {
        Recorder out = new Recorder();
        Resampler r = new Resampler(new ResampleSpec(STEP, GapPolicy.INTERPOLATE, 5), 2);
        r.add(G, new double[] {0, 100}, out);
        r.add(G + 2000, new double[] {10, 80}, out);
        r.finish(out);
        assertThat(out.lines).containsExactly(
                "+0 [0.0, 100.0] READING", "+1000 [5.0, 90.0] INTERPOLATED", "+2000 [10.0, 80.0] READING");
    }

    @Test
    void breakEmitsNothingForAGapAndSaysWhereItIs() {
        Recorder out = new Recorder();
        Resampler r = resampler(GapPolicy.BREAK, 5);
        add(r, 0, 1, out);
        add(r, 1000, 2, out);
        add(r, 3000, 3, out); // +2000 is empty
        add(r, 3900, 4, out);
        r.finish(out);
        assertThat(out.lines).containsExactly(
                "+0 [1.0] READING",
                "+1000 [2.0] READING",
                "break +1000 .. +3000 missing 1",
                "+3000 [3.0] READING",
                "+4000 [4.0] READING");
    }

    @Test
    void aGapLongerThanMaxGapStepsBreaksWhateverThePolicy() {
        for (GapPolicy policy : List.of(GapPolicy.FILL_FORWARD, GapPolicy.INTERPOLATE)) {
            Recorder out = new Recorder();
            Resampler r = resampler(policy, 2);
            add(r, 0, 1, out);
            add(r, 3000, 2, out); // 2 empty cells: filled
            add(r, 7000, 3, out); // 3 empty cells: more than 2, broken
            add(r, 86_400_000, 4, out); // a sensor off for a day: broken, not a day of values
            r.finish(out);
            assertThat(out.lines).as(policy.name()).hasSize(8).containsSubsequence(
                    "+3000 [2.0] READING",
                    "break +3000 .. +7000 missing 3",
                    "+7000 [3.0] READING",
                    "break +7000 .. +86400000 missing 86392",
                    "+86400000 [4.0] READING");
            assertThat(out.lines.get(1)).endsWith(policy == GapPolicy.FILL_FORWARD ? "FILLED" : "INTERPOLATED");
        }
        // 0: every gap breaks
        Recorder out = new Recorder();
        Resampler r = resampler(GapPolicy.FILL_FORWARD, 0);
        add(r, 0, 1, out);
        add(r, 2000, 2, out);
        assertThat(out.lines).containsExactly("+0 [1.0] READING", "break +0 .. +2000 missing 1");
    }

    @Test
    void closingACellMakesItsPointFinalAndRefusesReadingsThatWouldChangeIt() {
        Recorder out = new Recorder();
        Resampler r = resampler(GapPolicy.FILL_FORWARD, 5);
        add(r, 300, 1, out);
        assertThat(r.openPointTime()).isEqualTo(G + 1000);
        r.closeUpTo(G + 999, out);
        assertThat(out.lines).as("the watermark has not passed +1000").isEmpty();
        assertThat(r.earliestAccepted()).isEqualTo(G + 300);
        r.closeUpTo(G + 1000, out);
        assertThat(out.lines).containsExactly("+1000 [1.0] READING");
        assertThat(r.openPointTime()).isEqualTo(Long.MIN_VALUE);
        assertThat(r.earliestAccepted()).isEqualTo(G + 1001);
        assertThatThrownBy(() -> add(r, 800, 2, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of order")
                .hasMessageContaining("expected timestamps from " + (G + 1001));
        // the next cell after a closed one: the gap is measured from the closed point
        add(r, 3500, 3, out);
        r.finish(out);
        assertThat(out.lines).containsExactly(
                "+1000 [1.0] READING", "+2000 [1.0] FILLED", "+3000 [1.0] FILLED", "+4000 [3.0] READING");
    }

    @Test
    void readingsOutOfOrderOrOfTheWrongWidthAreRefused() {
        Recorder out = new Recorder();
        Resampler r = resampler(GapPolicy.FILL_FORWARD, 5);
        add(r, 500, 1, out);
        assertThatThrownBy(() -> add(r, 499, 2, out)).hasMessageContaining("out of order");
        assertThatThrownBy(() -> r.add(G + 600, new double[] {1, 2}, out))
                .hasMessage("expected 1 channel values, got 2");
        assertThatThrownBy(() -> new Resampler(new ResampleSpec(STEP, GapPolicy.BREAK, 1), 0))
                .hasMessageContaining("channels must be >= 1");
    }

    @Test
    void closingCellsEarlyAsAWatermarkWouldNeverChangesThePoints() {
        Random random = new Random(11);
        for (GapPolicy policy : GapPolicy.values()) {
            long t = G;
            Recorder lazy = new Recorder();
            Recorder eager = new Recorder();
            Resampler a = resampler(policy, 3);
            Resampler b = resampler(policy, 3);
            for (int i = 0; i < 2000; i++) {
                // irregular: several readings per cell, empty cells, now and then a long gap
                t += random.nextInt(10) == 0 ? 1000L * (2 + random.nextInt(6)) : random.nextInt(900);
                double[] v = {random.nextGaussian()};
                a.add(t, v, lazy);
                b.add(t, v, eager);
                b.closeUpTo(t - 1, eager); // nothing at or before t - 1 can come any more
            }
            a.finish(lazy);
            b.finish(eager);
            assertThat(eager.lines).as(policy.name()).isEqualTo(lazy.lines);
            assertThat(lazy.times).as("increasing, each once").isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void survivesJavaSerialisationMidStream() throws Exception {
        Random random = new Random(5);
        long[] ts = new long[400];
        double[][] values = new double[400][];
        long t = G;
        for (int i = 0; i < ts.length; i++) {
            t += random.nextInt(10) == 0 ? 4000 : random.nextInt(1200);
            ts[i] = t;
            values[i] = new double[] {random.nextGaussian(), i};
        }
        Resampler whole = new Resampler(new ResampleSpec(STEP, GapPolicy.INTERPOLATE, 2), 2);
        Resampler first = new Resampler(new ResampleSpec(STEP, GapPolicy.INTERPOLATE, 2), 2);
        Recorder expected = new Recorder();
        Recorder split = new Recorder();
        for (int i = 0; i < ts.length; i++) {
            whole.add(ts[i], values[i], expected);
        }
        for (int i = 0; i < 200; i++) {
            first.add(ts[i], values[i], split);
        }
        first.closeUpTo(ts[200] - 1, split); // as a watermark just before the next reading would
        Resampler restored = roundTrip(first);
        assertThat(restored.spec()).isEqualTo(first.spec());
        assertThat(restored.earliestAccepted()).isEqualTo(first.earliestAccepted());
        for (int i = 200; i < ts.length; i++) {
            restored.add(ts[i], values[i], split);
        }
        assertThat(split.lines).isEqualTo(expected.lines);
    }

    @Test
    void aRestoredResamplerKnowsWhetherItFitsAndTakesNewGapSettings() {
        Resampler r = resampler(GapPolicy.BREAK, 0);
        assertThat(r.fits(new ResampleSpec(STEP, GapPolicy.INTERPOLATE, 9), 1)).isTrue();
        assertThat(r.fits(new ResampleSpec(2 * STEP, GapPolicy.BREAK, 0), 1)).isFalse();
        assertThat(r.fits(new ResampleSpec(STEP, GapPolicy.BREAK, 0), 2)).isFalse();
        Recorder out = new Recorder();
        add(r, 0, 1, out);
        r.updateGapSettings(new ResampleSpec(STEP, GapPolicy.FILL_FORWARD, 3));
        add(r, 2000, 2, out);
        assertThat(out.lines).containsExactly("+0 [1.0] READING", "+1000 [1.0] FILLED");
        assertThatThrownBy(() -> r.updateGapSettings(new ResampleSpec(STEP + 1, GapPolicy.BREAK, 0)))
                .hasMessageContaining("cannot change the grid step");
    }

    private static Resampler roundTrip(Resampler r) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(r);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Resampler) in.readObject();
        }
    }
}
