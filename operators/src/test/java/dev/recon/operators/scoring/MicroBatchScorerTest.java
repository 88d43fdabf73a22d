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
import dev.recon.operators.types.DenoisedWindow;
import dev.recon.operators.types.RawWindow;
import dev.recon.operators.types.ScoredWindow;
import dev.recon.operators.types.ScorerInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link MicroBatchScorer}: batching, flushing, parity with offline scoring, reconstructions. */
class MicroBatchScorerTest {

    private static final int WINDOW = 8;
    private static final long T0 = 1_700_000_000_000L;
    /** Relative tolerance against offline scores: libtorch picks kernels per batch size. */
    private static final double RELATIVE = 1e-5;

    @TempDir
    static Path tmp;

    private static Path bundle;
    private static Path anomalousBundle;
    private final List<OneInputStreamOperatorTestHarness<ScorerInput, ScoredWindow>> harnesses = new ArrayList<>();

    @BeforeAll
    static void bundles() throws Exception {
        bundle = TestBundles.writeDense(tmp.resolve("b"), List.of("latency"), WINDOW, 1, 1e9);
        anomalousBundle = TestBundles.writeDense(tmp.resolve("zero"), List.of("latency"), WINDOW, 1, 0);
    }

    @AfterEach
    void close() throws Exception {
        for (var h : harnesses) {
            h.close();
        }
    }

    private OneInputStreamOperatorTestHarness<ScorerInput, ScoredWindow> harness(
            Path model, int batch, long waitMs, boolean denoised) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(
                new MicroBatchScorer(model.toString(), batch, waitMs, denoised));
        harnesses.add(h);
        h.open();
        return h;
    }

    private static double[] series(int n) {
        return SyntheticSeries.withSpikes(SyntheticSeries.sine(n, 12, 3), 8, 30);
    }

    private static RawWindow window(double[] series, int end) {
        long[] ts = new long[WINDOW];
        double[] v = new double[WINDOW];
        for (int t = 0; t < WINDOW; t++) {
            ts[t] = T0 + 60_000L * (end - WINDOW + 1 + t);
            v[t] = series[end - WINDOW + 1 + t];
        }
        return new RawWindow("a", ts, v);
    }

    @Test
    void scoresAFullBatchAtOnceAndEqualsTheOfflineScorer() throws Exception {
        int n = 40;
        double[] series = series(n);
        var h = harness(bundle, 4, 60_000, false);
        for (int end = WINDOW - 1; end < WINDOW + 2; end++) {
            h.processElement(new StreamRecord<>(window(series, end)));
        }
        assertThat(h.extractOutputValues()).as("a batch of 4 is not full with 3").isEmpty();
        for (int end = WINDOW + 2; end < n; end++) {
            h.processElement(new StreamRecord<>(window(series, end)));
        }
        // 33 windows: 8 full batches scored, 1 window pending
        assertThat(h.extractOutputValues()).hasSize(32);
        h.prepareSnapshotPreBarrier(1L);
        List<ScoredWindow> scored = h.extractOutputValues();
        assertThat(scored).hasSize(n - WINDOW + 1);

        long[] timestamps = new long[n];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            timestamps[i] = T0 + 60_000L * i;
            rows[i] = new double[] {series[i]};
        }
        WindowScore[] offline;
        try (LoadedModel model = ModelBundle.load(bundle).open()) {
            offline = new SeriesScorer(model).scoreRows(timestamps, rows);
        }
        for (int k = 0; k < scored.size(); k++) {
            int row = WINDOW - 1 + k;
            ScoredWindow w = scored.get(k);
            assertThat(w.windowEnd()).isEqualTo(timestamps[row]);
            assertThat(w.score()).as("row %d", row).isCloseTo(offline[row].score(),
                    within(RELATIVE * offline[row].score()));
            assertThat(w.peakTs()).isEqualTo(timestamps[row - WINDOW + 1 + offline[row].peakStep()]);
            assertThat(w.model()).isEqualTo("test-model");
        }
        assertThat(h.getOutput()).allSatisfy(r -> assertThat(((StreamRecord<?>) r).getTimestamp()).isPositive());
    }

    @Test
    void aPartialBatchIsScoredWhenItsOldestWindowHasWaitedMaxWait() throws Exception {
        double[] series = series(40);
        var h = harness(bundle, 64, 100, false);
        h.setProcessingTime(1000);
        h.processElement(new StreamRecord<>(window(series, 7)));
        h.processElement(new StreamRecord<>(window(series, 8)));
        h.setProcessingTime(1050);
        assertThat(h.extractOutputValues()).isEmpty();
        h.setProcessingTime(1100);
        assertThat(h.extractOutputValues()).hasSize(2);
    }

    @Test
    void endOfInputFlushesAndCountsAreKept() throws Exception {
        double[] series = series(40);
        var h = harness(anomalousBundle, 64, 60_000, false);
        for (int end = 7; end < 10; end++) {
            h.processElement(new StreamRecord<>(window(series, end)));
        }
        h.getOneInputOperator().finish(); // what the task calls at the end of a bounded input
        assertThat(h.extractOutputValues()).hasSize(3).allSatisfy(w -> assertThat(w.anomalous()).isTrue());
        var accumulators = h.getEnvironment().getAccumulatorRegistry().getUserMap();
        assertThat(accumulators.get(ReconMetrics.WINDOWS_SCORED_ACCUMULATOR).getLocalValue()).isEqualTo(3L);
        assertThat(accumulators.get(ReconMetrics.ANOMALIES_ACCUMULATOR).getLocalValue()).isEqualTo(3L);
    }

    @Test
    void reconstructionsAreDenormalisedToTheSensorsUnits() throws Exception {
        double[] series = series(40);
        var h = harness(bundle, 2, 60_000, true);
        RawWindow w = window(series, 9);
        h.processElement(new StreamRecord<>(w));
        h.processElement(new StreamRecord<>(window(series, 10)));
        var denoised = h.getSideOutput(DenoisedWindow.OUTPUT_TAG);
        assertThat(denoised).hasSize(2);
        DenoisedWindow d = denoised.peek().getValue();
        assertThat(d.timestamps()).containsExactly(w.timestamps());
        assertThat(d.channels()).containsExactly("latency");
        // the test bundle normalises with mean 0 and std 1, so units are unchanged: check against the model
        float[] input = new float[WINDOW];
        for (int t = 0; t < WINDOW; t++) {
            input[t] = (float) w.values()[t];
        }
        try (LoadedModel model = ModelBundle.load(bundle).open();
                var scorer = new dev.recon.model.scoring.ReconstructionScorer(model)) {
            float[] expected = scorer.reconstruct(input, 1);
            for (int t = 0; t < WINDOW; t++) {
                assertThat(d.values()[t]).isCloseTo(expected[t], within(1e-4 * (1 + Math.abs(expected[t]))));
            }
        }
        assertThat(d.series().get("latency")).hasSize(WINDOW);
        assertThat(Arrays.stream(d.values()).allMatch(Double::isFinite)).isTrue();
    }
}
