package dev.recon.operators.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.NormalizationSpec;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.testing.SyntheticSeries;
import dev.recon.model.testing.TestBundles;
import dev.recon.model.window.ZScoreNormalizer;
import dev.recon.operators.types.DenoisedWindow;
import dev.recon.operators.types.RawWindow;
import dev.recon.operators.types.ScoredWindow;
import dev.recon.operators.types.ScorerInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MicroBatchScorer} with a bundle of per-sensor statistics: each known sensor's windows are
 * normalised (and reconstructions denormalised) with its own statistics, an unknown sensor's with the
 * pooled ones, counted once; scores equal offline {@link SeriesScorer#forSensor}.
 */
class MicroBatchScorerPerSensorTest {

    private static final int WINDOW = 8;
    private static final long T0 = 1_700_000_000_000L;
    private static final ZScoreNormalizer POOLED = new ZScoreNormalizer(new double[] {40}, new double[] {30});
    private static final ZScoreNormalizer HOT = new ZScoreNormalizer(new double[] {100}, new double[] {5});
    private static final ZScoreNormalizer COLD = new ZScoreNormalizer(new double[] {-3}, new double[] {2});

    @TempDir
    static Path tmp;

    private static Path bundle;

    @BeforeAll
    static void perSensorBundle() throws Exception {
        BundleManifest dense = TestBundles.denseManifest(List.of("temperature"), WINDOW, 1, 1e9);
        BundleManifest manifest = new BundleManifest(dense.formatVersion(), dense.name(), dense.version(),
                dense.createdAt(), dense.architecture(), dense.input(),
                NormalizationSpec.perSensor(POOLED, Map.of("oven-hot", HOT, "freezer-cold", COLD)), dense.score(),
                dense.threshold(), dense.training(), dense.provenance(), Map.of());
        bundle = TestBundles.write(tmp.resolve("per-sensor"), manifest);
    }

    /** A normalised shape (a noisy sine scaled to about unit variance), the same for every sensor. */
    private static final double[] Z = shape();

    private static double[] shape() {
        double[] sine = SyntheticSeries.sine(WINDOW, 6, 4);
        double[] z = new double[WINDOW];
        for (int t = 0; t < WINDOW; t++) {
            z[t] = (sine[t] - 50) / 7;
        }
        return z;
    }

    /** The window that {@code stats} normalise to {@link #Z}: {@code mean + std * z}. */
    private static RawWindow window(String sensor, ZScoreNormalizer stats) {
        long[] ts = new long[WINDOW];
        double[] v = new double[WINDOW];
        for (int t = 0; t < WINDOW; t++) {
            ts[t] = T0 + 1000L * t;
            v[t] = stats.mean()[0] + stats.scale()[0] * Z[t];
        }
        return new RawWindow(sensor, ts, v);
    }

    @Test
    void eachSensorIsNormalisedWithItsOwnStatisticsAndAnUnknownOneWithThePooledOnes() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<ScorerInput, ScoredWindow>(
                new MicroBatchScorer(bundle.toString(), 8, 60_000, true));
        try (h) {
            h.open();
            RawWindow hot = window("oven-hot", HOT);
            RawWindow cold = window("freezer-cold", COLD);
            RawWindow unknown = window("fridge-new", POOLED);
            // the unknown sensor's window again, one reading later: counted once, not per window
            RawWindow unknownAgain = new RawWindow("fridge-new", unknown.timestamps().clone(), unknown.values());
            for (RawWindow w : List.of(hot, cold, unknown, unknownAgain)) {
                h.processElement(new StreamRecord<>(w));
            }
            h.prepareSnapshotPreBarrier(1L);

            List<ScoredWindow> scored = h.extractOutputValues();
            assertThat(scored).extracting(ScoredWindow::sensorId)
                    .containsExactly("oven-hot", "freezer-cold", "fridge-new", "fridge-new");
            // levels 100, -3 and 40 with spreads 5, 2 and 30 are the same window once normalised
            double expected = offlineScore(hot, "oven-hot");
            assertThat(scored).allSatisfy(s -> assertThat(s.score()).isCloseTo(expected, within(1e-6 * expected)));
            assertThat(offlineScore(cold, "freezer-cold")).isCloseTo(expected, within(1e-6 * expected));
            assertThat(offlineScore(unknown, "fridge-new")).isCloseTo(expected, within(1e-6 * expected));

            // reconstructions come back in each sensor's own units
            List<DenoisedWindow> denoised = h.getSideOutput(DenoisedWindow.OUTPUT_TAG).stream()
                    .map(StreamRecord::getValue).toList();
            double[] hotNormalised = normalisedBack(denoised.get(0), HOT);
            double[] coldNormalised = normalisedBack(denoised.get(1), COLD);
            double[] unknownNormalised = normalisedBack(denoised.get(2), POOLED);
            for (int t = 0; t < WINDOW; t++) {
                assertThat(coldNormalised[t]).isCloseTo(hotNormalised[t], within(1e-5));
                assertThat(unknownNormalised[t]).isCloseTo(hotNormalised[t], within(1e-5));
            }

            var accumulators = h.getEnvironment().getAccumulatorRegistry().getUserMap();
            assertThat(accumulators.get(MicroBatchScorer.POOLED_STATISTICS_SENSORS_ACCUMULATOR).getLocalValue())
                    .as("sensors normalised with the pooled statistics").isEqualTo(1L);
        }
    }

    @Test
    void aSharedBundleCountsNoSensorAsUnknown() throws Exception {
        Path shared = TestBundles.writeDense(tmp.resolve("shared"), List.of("temperature"), WINDOW, 1, 1e9);
        var h = new OneInputStreamOperatorTestHarness<ScorerInput, ScoredWindow>(
                new MicroBatchScorer(shared.toString(), 8, 60_000, false));
        try (h) {
            h.open();
            h.processElement(new StreamRecord<>(window("anything", HOT)));
            h.prepareSnapshotPreBarrier(1L);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.getEnvironment().getAccumulatorRegistry().getUserMap())
                    .doesNotContainKey(MicroBatchScorer.POOLED_STATISTICS_SENSORS_ACCUMULATOR);
        }
    }

    private static double offlineScore(RawWindow w, String sensor) throws Exception {
        double[][] rows = new double[WINDOW][];
        for (int t = 0; t < WINDOW; t++) {
            rows[t] = new double[] {w.values()[t]};
        }
        try (LoadedModel model = ModelBundle.load(bundle).open()) {
            WindowScore[] scores = new SeriesScorer(model).forSensor(sensor).scoreRows(w.timestamps(), rows);
            return scores[WINDOW - 1].score();
        }
    }

    private static double[] normalisedBack(DenoisedWindow d, ZScoreNormalizer stats) {
        double[] z = new double[WINDOW];
        for (int t = 0; t < WINDOW; t++) {
            z[t] = (d.values()[t] - stats.mean()[0]) / stats.scale()[0];
        }
        return z;
    }
}
