package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.testing.SyntheticSeries;
import dev.recon.trainer.data.SensorSeries;
import dev.recon.trainer.data.TimeSeries;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One model fitted on two sensors at very different levels (10 with amplitude 1, and 500 with
 * amplitude 20), once with per-sensor and once with shared normalisation.
 *
 * <p>Both models score both sensors' normal behaviour as normal. They differ on a sensor that starts
 * behaving like the other one: per-sensor statistics know each sensor's own normal, so the low
 * sensor running at the high one's level is an anomaly for it; pooled statistics judge the values
 * alone, and the shared model, which learned both levels, scores it exactly as the high sensor.
 */
class MultiSeriesTrainingTest {

    private static final int N = 1200;
    private static final int WINDOW = 16;
    /** Rows after the fitted part (the first 600: 450 training, 150 validation) that no model saw. */
    private static final int UNSEEN = 620;
    /** The low sensor copies the high sensor's readings from this row on, in the shifted scenario. */
    private static final int SHIFT = 800;

    @TempDir
    static Path tmp;

    private static TimeSeries low;
    private static TimeSeries high;
    private static TimeSeries lowShifted;
    private static BundleManifest perSensor;
    private static BundleManifest shared;

    @BeforeAll
    static void train() throws Exception {
        low = series("low.csv", SyntheticSeries.sine(N, 48, 1), 0.1, 10);
        high = series("high.csv", SyntheticSeries.sine(N, 48, 2), 2, 500);
        double[][] shifted = new double[N][];
        for (int i = 0; i < N; i++) {
            shifted[i] = (i < SHIFT ? low : high).rows()[i].clone();
        }
        lowShifted = new TimeSeries("low-shifted", List.of("value"), low.timestamps(), shifted, null);
        List<SensorSeries> both = List.of(new SensorSeries("pump-low", low), new SensorSeries("pump-high", high));
        TrainerConfig config = TrainerConfig.defaults("pumps")
                .withWindow(WINDOW, 1)
                .withSplit(0.5, 0.25)
                .withArchitecture(List.of(16), 4)
                .withOptimisation(5e-3, 32, 15, 5)
                .withSeed(3);
        perSensor = new TimeSeriesTrainer(config, TrainingProgress.SILENT)
                .train(both, NormalizationScope.PER_SENSOR, tmp.resolve("per-sensor")).manifest();
        shared = new TimeSeriesTrainer(config, TrainingProgress.SILENT)
                .train(both, NormalizationScope.SHARED, tmp.resolve("shared")).manifest();
    }

    /** The sine (level 50, amplitude 10) rescaled to {@code level + scale * (sine - 50) / 10 * 10}. */
    private static TimeSeries series(String source, double[] sine, double scale, double level) {
        long[] ts = new long[sine.length];
        double[][] rows = new double[sine.length][];
        for (int i = 0; i < sine.length; i++) {
            ts[i] = 1_700_000_000_000L + 60_000L * i;
            rows[i] = new double[] {level + scale * (sine[i] - 50)};
        }
        return new TimeSeries(source, List.of("value"), ts, rows, null);
    }

    private static WindowScore[] score(String bundle, String sensorId, TimeSeries series) throws Exception {
        try (LoadedModel model = ModelBundle.load(tmp.resolve(bundle)).open()) {
            return new SeriesScorer(model).forSensor(sensorId).scoreRows(series.timestamps(), series.rows());
        }
    }

    private static long alarms(WindowScore[] scores, BundleManifest m, int from) {
        return IntStream.range(from, N).filter(i -> m.threshold().isAnomalous(scores[i].score())).count();
    }

    @Test
    void theBundlesRecordHowTheyNormalise() {
        assertThat(perSensor.normalization().sensors()).containsOnlyKeys("pump-high", "pump-low");
        double lowMean = Arrays.stream(low.rows(), 0, 450).mapToDouble(r -> r[0]).average().orElseThrow();
        assertThat(perSensor.normalization().toNormalizer("pump-low").mean()[0]).isCloseTo(lowMean, within(1e-9));
        assertThat(perSensor.normalization().mean()[0]).isBetween(200.0, 300.0); // pooled, for other sensors
        assertThat(shared.normalization().isPerSensor()).isFalse();
        assertThat(perSensor.provenance().config()).containsEntry("normalization", "per-sensor");
        assertThat(perSensor.provenance().data().path()).isEqualTo("low.csv, high.csv");
        assertThat(perSensor.provenance().data().trainWindows()).isEqualTo(2 * (450 - WINDOW + 1));
        assertThat(perSensor.threshold().calibratedOn()).startsWith("270 validation windows of 2 series");
    }

    @Test
    void bothModelsScoreBothSensorsNormalBehaviourAsNormal() throws Exception {
        assertThat(alarms(score("per-sensor", "pump-low", low), perSensor, UNSEEN)).isZero();
        assertThat(alarms(score("per-sensor", "pump-high", high), perSensor, UNSEEN)).isZero();
        assertThat(alarms(score("shared", "pump-low", low), shared, UNSEEN)).isZero();
        assertThat(alarms(score("shared", "pump-high", high), shared, UNSEEN)).isZero();
    }

    @Test
    void onlyPerSensorStatisticsFlagALowSensorRunningAtTheHighOnesLevel() throws Exception {
        int firstWhollyShifted = SHIFT + WINDOW - 1;
        WindowScore[] perSensorScores = score("per-sensor", "pump-low", lowShifted);
        assertThat(alarms(perSensorScores, perSensor, SHIFT)).isEqualTo(N - SHIFT);

        WindowScore[] sharedScores = score("shared", "pump-low", lowShifted);
        WindowScore[] sharedHigh = score("shared", "pump-high", high);
        assertThat(alarms(sharedScores, shared, firstWhollyShifted)).isZero();
        for (int i = firstWhollyShifted; i < N; i += 50) {
            // the same values give the same score: pooled statistics cannot tell the two sensors apart
            assertThat(sharedScores[i].score()).isEqualTo(sharedHigh[i].score());
        }
    }

    @Test
    void aSensorTheModelWasNotFittedOnIsNormalisedWithThePooledStatistics() throws Exception {
        WindowScore[] unknown = score("per-sensor", "pump-new", low);
        WindowScore[] pooled = score("per-sensor", null, low);
        for (int i = UNSEEN; i < N; i += 50) {
            assertThat(unknown[i].score()).isEqualTo(pooled[i].score());
        }
    }

    @Test
    void sensorIdsAndFilesAreRecordedPerSeries() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> series = (List<Map<String, Object>>) perSensor.provenance().config().get("series");
        assertThat(series).extracting(s -> s.get("sensorId")).containsExactly("pump-low", "pump-high");
        assertThat(series).extracting(s -> s.get("trainRows")).containsExactly(450, 450);
    }
}
