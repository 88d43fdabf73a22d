package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.testing.SyntheticSeries;
import dev.recon.trainer.data.TimeSeries;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a GPU, where DJL finds one (a build with {@code -Pcuda} on a machine with CUDA);
 * skipped elsewhere, as on CI.
 */
class GpuTrainingTest {

    @TempDir
    Path tmp;

    @Test
    void trainsOnTheGpuAndTheBundleScoresLikeTraining() throws Exception {
        int gpus = Engine.getInstance().getGpuCount();
        assumeTrue(gpus > 0, "no GPU visible to DJL (" + Engine.getInstance().getEngineName() + " "
                + Engine.getInstance().getVersion() + "); build with -Pcuda on a CUDA machine to run this test");
        int rows = 2000;
        double[] values = SyntheticSeries.sine(rows, 48, 7);
        long[] ts = new long[rows];
        double[][] data = new double[rows][];
        for (int i = 0; i < rows; i++) {
            ts[i] = 1_700_000_000_000L + 1000L * i;
            data[i] = new double[] {values[i]};
        }
        TrainerConfig config = TrainerConfig.defaults("gpu-sine").withWindow(32, 1).withSplit(1.0, 0.2)
                .withOptimisation(5e-3, 64, 10, 10);
        TrainingResult result = new TimeSeriesTrainer(config, TrainingProgress.SILENT)
                .train(new TimeSeries("sine", List.of("value"), ts, data, null), tmp.resolve("m"));

        assertThat(result.manifest().provenance().device()).startsWith("gpu");
        assertThat(result.manifest().training().history().get(result.manifest().training().bestEpoch() - 1)
                .trainLoss()).isLessThan(result.manifest().training().history().get(0).trainLoss());
        try (LoadedModel model = ModelBundle.load(result.bundle()).open()) {
            WindowScore[] scores = new SeriesScorer(model).scoreRows(ts, data);
            double[] validation = result.validationErrors();
            // The last validation window ends at the last row; GPU kernels may differ in the last bits.
            assertThat(scores[rows - 1].score()).isCloseTo(validation[validation.length - 1], withinPercentage(0.1));
        }
    }
}
