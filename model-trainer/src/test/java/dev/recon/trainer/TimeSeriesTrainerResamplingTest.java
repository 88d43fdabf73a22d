package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.window.GapPolicy;
import dev.recon.model.window.GridSeries;
import dev.recon.model.window.ResampleSpec;
import dev.recon.trainer.data.TimeSeries;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link TimeSeriesTrainer#withResampling}: training on the grid the job serves. */
class TimeSeriesTrainerResamplingTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final int WINDOW = 8;

    @TempDir
    Path tmp;

    /** About one reading a second with jitter, and a 30 s outage at reading 150 (in the training part). */
    private static TimeSeries irregular() {
        Random random = new Random(9);
        int n = 600;
        long[] ts = new long[n];
        double[][] rows = new double[n][];
        long t = T0;
        for (int i = 0; i < n; i++) {
            t += (i == 150 ? 30_000 : 0) + 600 + random.nextInt(800);
            ts[i] = t;
            rows[i] = new double[] {Math.sin(i / 8.0) + 0.05 * random.nextGaussian()};
        }
        return new TimeSeries("irregular", List.of("value"), ts, rows, null);
    }

    private static TrainerConfig tiny() {
        return TrainerConfig.defaults("grid")
                .withWindow(WINDOW, 2)
                .withSplit(0.8, 0.25)
                .withArchitecture(List.of(8), 2)
                .withOptimisation(5e-3, 32, 2, 2)
                .withSeed(5);
    }

    @Test
    void trainsOnGridPointsWithoutWindowsAcrossABreakAndRecordsTheGrid() throws Exception {
        ResampleSpec grid = new ResampleSpec(1000, GapPolicy.FILL_FORWARD, 3);
        TimeSeries series = irregular();
        TrainingResult result = new TimeSeriesTrainer(tiny(), TrainingProgress.SILENT).withResampling(grid)
                .train(series, tmp.resolve("bundle"));

        GridSeries points = GridSeries.resample(series.timestamps(), series.rows(), grid);
        assertThat(points.breaks()).isOne();
        int breakAt = points.segmentStarts()[1];
        DataSplit split = DataSplit.of(points.size(), WINDOW, 0.8, 0.25);
        assertThat(breakAt).as("the outage lies in the training rows").isLessThan(split.trainRows());
        BundleManifest manifest = ModelBundle.load(result.bundle()).manifest();
        var data = manifest.provenance().data();
        assertThat(data.rows()).as("rows are grid points").isEqualTo(points.size());
        // windows of 8 in [0, breakAt) and in [breakAt, trainRows): 7 fewer than without the break
        assertThat(data.trainWindows()).isEqualTo(split.trainWindows(WINDOW) - (WINDOW - 1));
        assertThat(data.validationWindows()).isEqualTo(split.validationWindows(WINDOW));
        assertThat(data.firstTimestamp()).isEqualTo(java.time.Instant.ofEpochMilli(points.timestamps()[0]).toString());
        assertThat(manifest.provenance().config()).containsEntry("resampling",
                Map.of("stepMs", 1000, "gapPolicy", "fill-forward", "maxGapSteps", 3));
    }

    @Test
    void saysSoWhenGapsLeaveNoRoomForATrainingWindow() {
        // every reading 3 s apart with a 1 s grid and breaking gaps: no two grid points are adjacent
        int n = 200;
        long[] ts = new long[n];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            ts[i] = T0 + 3000L * i;
            rows[i] = new double[] {i % 7};
        }
        TimeSeries sparse = new TimeSeries("sparse", List.of("value"), ts, rows, null);
        assertThatThrownBy(() -> new TimeSeriesTrainer(tiny(), TrainingProgress.SILENT)
                .withResampling(new ResampleSpec(1000, GapPolicy.BREAK, 0))
                .train(sparse, tmp.resolve("none")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no window of 8 grid points fits between the gaps");
    }
}
