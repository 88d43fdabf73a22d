package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.TrainingSummary.EpochMetrics;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.testing.SyntheticSeries;
import dev.recon.trainer.data.TimeSeries;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The conv1d and lstm kinds trained end to end by {@link TimeSeriesTrainer} on a two-channel series. */
class SeriesModelKindsTest {

    private static final int ROWS = 900;
    private static final int WINDOW = 16;
    private static final int SPIKE = 800;

    @TempDir
    Path tmp;

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(SeriesModel.conv1d(List.of(8, 8), 3, "maxpool", 4), List.of(16), 4),
                Arguments.of(SeriesModel.conv1d(List.of(8), 5, "stride", 0), List.of(16), 4),
                Arguments.of(SeriesModel.lstm(1), List.of(16), 4),
                Arguments.of(SeriesModel.lstm(2), List.of(16), 0));
    }

    /** Two channels: a noisy sine and a sine of another period, with a spike on the second at row 800. */
    private static TimeSeries twoChannels() {
        double[] a = SyntheticSeries.sine(ROWS, 40, 1);
        double[] b = SyntheticSeries.withSpikes(SyntheticSeries.sine(ROWS, 25, 2), 40, SPIKE);
        double[][] rows = new double[ROWS][];
        long[] ts = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = new double[] {a[i], b[i] / 2};
            ts[i] = 1_700_000_000_000L + 60_000L * i;
        }
        return new TimeSeries("two sines", List.of("a", "b"), ts, rows, null);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void trainsLearnsAndScoresTheSameAfterLoading(SeriesModel kind, List<Integer> hidden, int latent)
            throws Exception {
        TrainerConfig config = TrainerConfig.defaults("two-sines")
                .withModel(kind)
                .withWindow(WINDOW, 1)
                .withSplit(0.6, 0.25)
                .withArchitecture(hidden, latent)
                .withOptimisation(1e-2, 32, 10, 10)
                .withSeed(5);
        TimeSeries series = twoChannels();
        TrainingResult result = new TimeSeriesTrainer(config, TrainingProgress.SILENT).train(series, tmp.resolve("b"));

        BundleManifest m = result.manifest();
        assertThat(m.architecture()).isEqualTo(config.architecture(2));
        assertThat(m.architecture().kind()).isEqualTo(kind.kind());
        assertThat(m.input().channels()).containsExactly("a", "b");
        List<EpochMetrics> history = m.training().history();
        // the loss falls: the best epoch is clearly better than the first
        assertThat(m.training().trainLoss()).isLessThan(0.6 * history.get(0).trainLoss());
        assertThat(m.training().validationLoss()).isLessThan(0.6 * history.get(0).validationLoss());
        assertThat(m.provenance().config()).containsKey("model");

        WindowScore[] first;
        try (LoadedModel loaded = ModelBundle.load(result.bundle()).open()) {
            assertThat(loaded.manifest().architecture()).isEqualTo(m.architecture());
            first = new SeriesScorer(loaded).scoreRows(series.timestamps(), series.rows());
        }
        WindowScore[] second;
        try (LoadedModel loaded = ModelBundle.load(result.bundle()).open()) {
            second = new SeriesScorer(loaded, 7).scoreRows(series.timestamps(), series.rows());
        }
        int trainRows = m.provenance().data().trainRows();
        // other batch sizes may take other float32 kernels (last-digit differences), never other scores
        for (int row = WINDOW - 1; row < ROWS; row++) {
            assertThat(second[row].score()).as("row %d", row).isCloseTo(first[row].score(), withinPercentage(1e-4));
        }
        // serving reproduces the errors the threshold was calibrated on
        for (int k = 0; k < result.validationErrors().length; k += 10) {
            assertThat(first[trainRows + WINDOW - 1 + k].score())
                    .isCloseTo(result.validationErrors()[k], withinPercentage(1e-3));
        }
        // the spike stands out far above the normal windows after the fitted part
        double normalMax = IntStream.range(600, 780).mapToDouble(i -> first[i].score()).max().orElseThrow();
        assertThat(first[SPIKE].score()).isGreaterThan(2 * normalMax);
    }
}
