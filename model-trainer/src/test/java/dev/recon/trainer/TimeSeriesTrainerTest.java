package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.FileDigest;
import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.bundle.NoveltySpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.testing.SyntheticSeries;
import dev.recon.model.threshold.Quantiles;
import dev.recon.trainer.data.TimeSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link TimeSeriesTrainer} on small synthetic series. */
class TimeSeriesTrainerTest {

    private static final int N = 1200;
    private static final int PERIOD = 50;

    @TempDir
    Path tmp;

    private static TrainerConfig tiny() {
        return TrainerConfig.defaults("sine")
                .withWindow(16, 1)
                .withSplit(0.5, 0.25)
                .withArchitecture(List.of(16), 4)
                .withOptimisation(5e-3, 32, 15, 5)
                .withSeed(11);
    }

    private static TimeSeries sine(double[] values) {
        double[][] rows = new double[values.length][];
        long[] ts = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            rows[i] = new double[] {values[i]};
            ts[i] = 1_700_000_000_000L + 60_000L * i;
        }
        return new TimeSeries("synthetic", List.of("value"), ts, rows, null);
    }

    @Test
    void trainsCalibratesOnValidationWindowsAndRecordsProvenance() throws Exception {
        TimeSeries series = sine(SyntheticSeries.withSpikes(SyntheticSeries.sine(N, PERIOD, 3), 25, 1000));
        List<Integer> epochs = new ArrayList<>();
        TrainingResult result = new TimeSeriesTrainer(tiny(), new TrainingProgress() {
            @Override
            public void epoch(dev.recon.model.bundle.TrainingSummary.EpochMetrics m, int max, boolean improved) {
                epochs.add(m.epoch());
            }
        }).train(series, tmp.resolve("bundle"));

        BundleManifest m = ModelBundle.load(result.bundle()).manifest();
        assertThat(m.architecture().kind()).isEqualTo("dense");
        assertThat(m.input().windowLength()).isEqualTo(16);
        assertThat(epochs).isNotEmpty().isEqualTo(m.training().history().stream().map(e -> e.epoch()).toList());
        assertThat(m.training().validationLoss()).isLessThan(m.training().history().get(0).validationLoss());
        // split: 600 fitted rows, the last 150 for validation
        assertThat(m.provenance().data().fitRows()).isEqualTo(600);
        assertThat(m.provenance().data().trainRows()).isEqualTo(450);
        assertThat(m.provenance().data().validationWindows()).isEqualTo(150 - 16 + 1);
        assertThat(m.provenance().seed()).isEqualTo(11);
        assertThat(m.provenance().device()).isNotBlank();
        assertThat(m.provenance().config()).containsEntry("window", 16);
        // normalisation fitted on the 450 training rows only, not on the spike at row 1000
        double[] trainValues = Arrays.stream(series.rows(), 0, 450).mapToDouble(r -> r[0]).toArray();
        assertThat(m.normalization().mean()[0]).isCloseTo(Arrays.stream(trainValues).average().orElseThrow(), within(1e-9));

        // threshold = scale x max of the validation errors, and serving computes the same errors
        double[] sorted = result.validationErrors().clone();
        Arrays.sort(sorted);
        assertThat(m.threshold().value()).isCloseTo(2.0 * Quantiles.quantileOfSorted(sorted, 1.0), within(1e-12));
        try (LoadedModel model = ModelBundle.load(result.bundle()).open()) {
            WindowScore[] scores = new SeriesScorer(model).scoreRows(series.timestamps(), series.rows());
            for (int k = 0; k < result.validationErrors().length; k += 20) {
                int row = 450 + 16 - 1 + k;
                assertThat(scores[row].score()).isCloseTo(result.validationErrors()[k], withinPercentage(1e-4));
            }
            // the spike is detected by the windows that contain it, and normal rows far from it are not
            assertThat(scores[1000].score()).isGreaterThan(m.threshold().value());
            assertThat(scores[1015].score()).isGreaterThan(m.threshold().value());
            long far = java.util.stream.IntStream.range(620, 980)
                    .filter(i -> m.threshold().isAnomalous(scores[i].score())).count();
            assertThat(far).isZero();
        }
    }

    @Test
    void theSameSeedGivesTheSameBundleOnCpu() throws Exception {
        TimeSeries series = sine(SyntheticSeries.sine(N, PERIOD, 5));
        TrainerConfig config = tiny().withOptimisation(5e-3, 32, 4, 4);
        TrainingResult a = new TimeSeriesTrainer(config, TrainingProgress.SILENT).train(series, tmp.resolve("a"));
        TrainingResult b = new TimeSeriesTrainer(config, TrainingProgress.SILENT).train(series, tmp.resolve("b"));
        TrainingResult c = new TimeSeriesTrainer(config.withSeed(12), TrainingProgress.SILENT).train(series, tmp.resolve("c"));
        FileDigest pa = FileDigest.of(a.bundle().resolve(ModelBundle.PARAMETERS_FILE));
        assertThat(FileDigest.of(b.bundle().resolve(ModelBundle.PARAMETERS_FILE))).isEqualTo(pa);
        assertThat(b.manifest().threshold().value()).isEqualTo(a.manifest().threshold().value());
        assertThat(FileDigest.of(c.bundle().resolve(ModelBundle.PARAMETERS_FILE))).isNotEqualTo(pa);
    }

    @Test
    void theDefaultWindowIsShortenedToFitAShortSeriesAndTheBundleSaysSo() throws Exception {
        // 1,000 rows with the default split: 150 fitted, 30 held out, so no window of 128 fits
        TimeSeries series = sine(SyntheticSeries.sine(1000, PERIOD, 4));
        TrainerConfig defaults = TrainerConfig.defaults("short").withOptimisation(5e-3, 32, 3, 2);
        assertThatThrownBy(() -> new TimeSeriesTrainer(defaults, TrainingProgress.SILENT).train(series,
                tmp.resolve("refused"))).hasMessageContaining("not enough data");

        List<String> lines = new java.util.ArrayList<>();
        TrainingResult r = new TimeSeriesTrainer(defaults, new TrainingProgress() {
            @Override
            public void started(String description) {
                lines.add(description);
            }
        }).withWindowFitted().train(series, tmp.resolve("short"));
        assertThat(r.manifest().input().windowLength()).isEqualTo(30);
        assertThat(lines.get(0)).isEqualTo("window 128 shortened to 30: the series has 1000 rows, and its shorter"
                + " part (training or validation) 30, and a window must fit in each");
        assertThat(r.manifest().provenance().config().get("windowFit")).isEqualTo(Map.of("requested", 128,
                "window", 30, "reason", lines.get(0)));
        // the alarm follows the fitted window, its novelty the 150 rows of the training part
        NoveltySpec novelty = r.manifest().alarm().novelty();
        assertThat(r.manifest().alarm()).isEqualTo(AlarmSpec.defaults(30, 1).withNovelty(novelty));
        double[][] fitted = java.util.Arrays.copyOf(series.rows(), 150);
        assertThat(novelty).isEqualTo(NoveltySpec.fit(fitted, 50));
        assertThat(novelty.low().get(0)).isEqualTo(java.util.Arrays.stream(fitted).mapToDouble(row -> row[0]).min()
                .orElseThrow());
        assertThat(ModelBundle.load(r.bundle()).manifest().alarm()).isEqualTo(r.manifest().alarm());

        // a series long enough keeps the window, and says nothing about it
        TrainingResult kept = new TimeSeriesTrainer(tiny(), TrainingProgress.SILENT).withWindowFitted()
                .train(sine(SyntheticSeries.sine(N, PERIOD, 4)), tmp.resolve("kept"));
        assertThat(kept.manifest().input().windowLength()).isEqualTo(16);
        assertThat(kept.manifest().provenance().config()).doesNotContainKey("windowFit");
    }

    @Test
    void aConstantSignalTrainsAndFlagsAnyDeviation() throws Exception {
        double[] flat = new double[400];
        Arrays.fill(flat, 7.0);
        flat[390] = 8.0;
        TimeSeries series = sine(flat);
        TrainingResult r = new TimeSeriesTrainer(tiny().withOptimisation(1e-3, 32, 3, 3), TrainingProgress.SILENT)
                .train(series, tmp.resolve("flat.zip"));
        assertThat(Files.isRegularFile(tmp.resolve("flat.zip"))).isTrue();
        assertThat(r.manifest().threshold().value()).isZero();
        try (LoadedModel model = ModelBundle.load(r.bundle()).open()) {
            WindowScore[] s = new SeriesScorer(model).scoreRows(series.timestamps(), series.rows());
            assertThat(model.manifest().threshold().isAnomalous(s[389].score())).isFalse();
            assertThat(model.manifest().threshold().isAnomalous(s[390].score())).isTrue();
        }
    }

    @Test
    void latentKnnScoresWindowsByTheirCodesDistanceToTheTrainingWindows() throws Exception {
        // trained on the first half (a clean sine); a spike later in the series
        TimeSeries series = sine(SyntheticSeries.withSpikes(SyntheticSeries.sine(N, PERIOD, 3), 25, 1000));
        TrainingResult result = new TimeSeriesTrainer(
                tiny().withObjective(ObjectiveSettings.DEFAULT.withScore("latent-knn:5")), TrainingProgress.SILENT)
                .train(series, tmp.resolve("knn"));
        assertThat(result.manifest().score().toString()).isEqualTo("latent-knn:5");
        assertThat(result.manifest().formatVersion()).isEqualTo(3);
        try (LoadedModel model = ModelBundle.load(result.bundle()).open()) {
            // one code per training window, of the dense AE's latent size
            assertThat(model.latentReferences().size()).isEqualTo(tiny().latentSize());
            assertThat(model.latentReferences().count()).isGreaterThan(300);
            WindowScore[] scores = new SeriesScorer(model).scoreRows(series.timestamps(), series.rows());
            double threshold = result.manifest().threshold().value();
            assertThat(threshold).isPositive();
            // the windows holding the spike score far above the threshold; the clean end of the series does not
            assertThat(scores[1000].score()).isGreaterThan(3 * threshold);
            long flagged = Arrays.stream(scores, 1100, N).filter(w -> w.score() >= threshold).count();
            assertThat(flagged).as("clean windows at or above the threshold").isLessThan(20);
        }
    }
}
