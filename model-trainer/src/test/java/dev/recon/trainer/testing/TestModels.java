package dev.recon.trainer.testing;

import dev.recon.model.testing.SyntheticSeries;
import dev.recon.trainer.TimeSeriesTrainer;
import dev.recon.trainer.TrainerConfig;
import dev.recon.trainer.TrainingProgress;
import dev.recon.trainer.data.TimeSeries;
import java.nio.file.Path;
import java.util.List;

/** Tiny dense models trained by the real trainer, for integration tests that need a model that works. */
public final class TestModels {

    private TestModels() {}

    /**
     * Trains a small dense AE (hidden 16, latent 4, 15 epochs at most) on a normal synthetic sine
     * ({@link SyntheticSeries#sine} with period 48 and seed 7), all of it fitted (20% validation).
     *
     * @param rows rows of the training series, one every {@code stepMs} from {@code t0}
     */
    public static Path trainOnSine(Path out, String name, int rows, long t0, long stepMs, int window, int stride)
            throws Exception {
        double[] values = SyntheticSeries.sine(rows, 48, 7);
        long[] timestamps = new long[rows];
        double[][] data = new double[rows][];
        for (int i = 0; i < rows; i++) {
            timestamps[i] = t0 + stepMs * i;
            data[i] = new double[] {values[i]};
        }
        TrainerConfig config = TrainerConfig.defaults(name)
                .withWindow(window, stride)
                .withArchitecture(List.of(16), 4)
                .withSplit(1.0, 0.2)
                .withOptimisation(5e-3, 32, 15, 5);
        new TimeSeriesTrainer(config, TrainingProgress.SILENT)
                .train(new TimeSeries("synthetic sine", List.of("value"), timestamps, data, null), out);
        return out;
    }
}
