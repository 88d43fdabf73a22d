package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.recon.model.bundle.NormalizationSpec;
import dev.recon.model.window.ZScoreNormalizer;
import dev.recon.trainer.data.SensorSeries;
import dev.recon.trainer.data.TimeSeries;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link TrainingWindows}: splitting, normalising and windowing one or several series. */
class TrainingWindowsTest {

    private static final int WINDOW = 8;

    /** {@code n} rows of one channel: {@code level + i % 5}. */
    private static SensorSeries series(String id, int n, double level) {
        long[] ts = new long[n];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            ts[i] = 1_700_000_000_000L + 1000L * i;
            rows[i] = new double[] {level + i % 5};
        }
        return new SensorSeries(id, new TimeSeries(id + ".csv", List.of("value"), ts, rows, null));
    }

    private static double mean(SensorSeries s, int rows) {
        return Arrays.stream(s.series().rows(), 0, rows).mapToDouble(r -> r[0]).average().orElseThrow();
    }

    @Test
    void eachSeriesIsSplitAloneAndNoWindowCrossesFromOneToTheNext() {
        SensorSeries a = series("a", 100, 0);
        SensorSeries b = series("b", 60, 1000);
        TrainingWindows w = TrainingWindows.cut(List.of(a, b), WINDOW, 1.0, 0.25, null, NormalizationScope.SHARED);

        // a: 75 training + 25 validation rows; b: 45 + 15; windows of 8 within each part only
        assertThat(w.parts()).extracting(p -> p.split().trainRows()).containsExactly(75, 45);
        assertThat(w.parts()).extracting(TrainingWindows.Part::trainWindows).containsExactly(68, 38);
        assertThat(w.parts()).extracting(TrainingWindows.Part::validationWindows).containsExactly(18, 8);
        assertThat(w.trainCount()).isEqualTo(68 + 38);
        assertThat(w.validationCount()).isEqualTo(18 + 8);
        assertThat(w.train()).hasSize((68 + 38) * WINDOW);
        // the first window of b (the 69th) is b's rows 0..7 alone: nothing of a's level in it
        ZScoreNormalizer pooled = w.normalization().toNormalizer();
        float[] firstOfB = Arrays.copyOfRange(w.train(), 68 * WINDOW, 69 * WINDOW);
        for (int t = 0; t < WINDOW; t++) {
            assertThat(pooled.denormalize(0, firstOfB[t])).isCloseTo(1000 + t % 5, within(1e-3));
        }
        assertThat(w.describeValidation()).isEqualTo("26 validation windows of 2 series (a: rows 75 to 99, b: rows 45 to 59)");
    }

    @Test
    void sharedStatisticsArePooledOverTheTrainingRowsOfEverySeries() {
        SensorSeries a = series("a", 100, 0);
        SensorSeries b = series("b", 100, 1000);
        NormalizationSpec spec = TrainingWindows.cut(List.of(a, b), WINDOW, 1.0, 0.25, null,
                NormalizationScope.SHARED).normalization();
        assertThat(spec.isPerSensor()).isFalse();
        assertThat(spec.mean()[0]).isCloseTo((mean(a, 75) + mean(b, 75)) / 2, within(1e-9));
    }

    @Test
    void perSensorStatisticsAreEachSeriesOwnAndThePooledOnesAreKept() {
        SensorSeries a = series("a", 100, 0);
        SensorSeries b = series("b", 100, 1000);
        TrainingWindows w = TrainingWindows.cut(List.of(a, b), WINDOW, 1.0, 0.25, null, NormalizationScope.PER_SENSOR);
        NormalizationSpec spec = w.normalization();
        assertThat(spec.sensors()).containsOnlyKeys("a", "b");
        assertThat(spec.toNormalizer("a").mean()[0]).isCloseTo(mean(a, 75), within(1e-9));
        assertThat(spec.toNormalizer("b").mean()[0]).isCloseTo(mean(b, 75), within(1e-9));
        assertThat(spec.mean()[0]).isCloseTo((mean(a, 75) + mean(b, 75)) / 2, within(1e-9));
        // both series z-score to the same windows: same shape, each with its own level
        assertThat(Arrays.copyOfRange(w.train(), 0, 68 * WINDOW))
                .containsExactly(Arrays.copyOfRange(w.train(), 68 * WINDOW, 2 * 68 * WINDOW), within(1e-5f));
    }

    @Test
    void oneSeriesWithSharedStatisticsIsPlainSingleSeriesTraining() {
        SensorSeries a = series("a", 100, 3);
        TrainingWindows w = TrainingWindows.cut(List.of(a), WINDOW, 0.8, 0.25, null, NormalizationScope.SHARED);
        ZScoreNormalizer expected = ZScoreNormalizer.fit(Arrays.copyOf(a.series().rows(), 60));
        assertThat(w.normalization()).isEqualTo(NormalizationSpec.of(expected));
        assertThat(w.describeValidation()).isEqualTo("13 validation windows (rows 60 to 79)");
    }

    @Test
    void seriesThatDoNotFitTogetherAreRejectedByName() {
        SensorSeries a = series("a", 100, 0);
        TimeSeries twoChannels = new TimeSeries("b.csv", List.of("x", "y"), new long[] {1}, new double[][] {{1, 2}},
                null);
        assertThatThrownBy(() -> TrainingWindows.cut(List.of(a, new SensorSeries("b", twoChannels)), WINDOW, 1.0,
                0.25, null, NormalizationScope.SHARED))
                .hasMessageContaining("series b.csv (sensor 'b') has channels [x, y] but series a.csv (sensor 'a') has [value]");
        assertThatThrownBy(() -> TrainingWindows.cut(List.of(a, series("a", 100, 5)), WINDOW, 1.0, 0.25, null,
                NormalizationScope.SHARED))
                .hasMessageContaining("sensor id 'a' is given to two series");
        assertThatThrownBy(() -> TrainingWindows.cut(List.of(a, series("short", 20, 5)), WINDOW, 1.0, 0.25, null,
                NormalizationScope.SHARED))
                .hasMessageStartingWith("series short.csv (sensor 'short'): not enough data");
    }

    @Test
    void sensorIdsDefaultToFileNamesWithoutTheExtension() {
        assertThat(SensorSeries.idOfFile("data/pump-7.csv")).isEqualTo("pump-7");
        assertThat(SensorSeries.idOfFile("fan.b.csv")).isEqualTo("fan.b");
        assertThat(SensorSeries.idOfFile("plain")).isEqualTo("plain");
        assertThat(NormalizationScope.parse("Per-Sensor")).isEqualTo(NormalizationScope.PER_SENSOR);
        assertThatThrownBy(() -> NormalizationScope.parse("each"))
                .hasMessageContaining("unknown normalization 'each', expected one of shared, per-sensor");
    }
}
