package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.window.GapPolicy;
import dev.recon.model.window.GridSeries;
import dev.recon.model.window.ResampleSpec;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@code recon train --resample} and {@code recon score --resample}: a model trained on the
 * grid, and a grid row per point, scored as the library scores a grid.
 */
class ScoreResampleCliTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long MINUTE = 60_000;

    @TempDir
    static Path tmp;

    private static Path data;
    private static Path bundle;

    /** About one reading a minute with jitter, some minutes empty, and a 20-minute outage at reading 200. */
    @BeforeAll
    static void trainOnIrregularSeries() throws Exception {
        Random random = new Random(3);
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        long t = T0;
        for (int i = 0; i < 400; i++) {
            t += i == 200 ? 20 * MINUTE : MINUTE + random.nextInt(40_000) - 20_000;
            csv.append(t).append(',').append(String.format("%.4f", 50 + 10 * Math.sin(i / 6.0))).append('\n');
        }
        data = Files.writeString(tmp.resolve("irregular.csv"), csv);
        bundle = tmp.resolve("model");
        CliRun train = CliRun.of("train", "--data", data.toString(), "--out", bundle.toString(), "--window", "8",
                "--train-fraction", "0.5", "--epochs", "2", "--hidden", "8", "--latent", "2", "--no-report",
                "--resample", "1m", "--gap-policy", "interpolate", "--max-gap-steps", "2");
        assertThat(train.status()).as(train.err()).isZero();
        assertThat(train.out()).contains("resampling onto a grid: step 60000 ms, interpolate, max gap 2 steps");
    }

    @Test
    void writesOneRowPerGridPointScoredAsTheGridScorerScoresIt() throws Exception {
        Path out = tmp.resolve("grid-scores.csv");
        CliRun score = CliRun.of("score", "--model", bundle.toString(), "--data", data.toString(), "--out",
                out.toString(), "--resample", "1m", "--gap-policy", "interpolate", "--max-gap-steps", "2");
        assertThat(score.status()).as(score.err()).isZero();
        assertThat(score.out()).contains("resampled 400 rows onto", "(step 60000 ms, interpolate, max gap 2 steps)",
                "1 breaks");

        TimeSeries series = TimeSeriesCsv.read(data);
        GridSeries grid = GridSeries.resample(series.timestamps(), series.rows(),
                new ResampleSpec(MINUTE, GapPolicy.INTERPOLATE, 2));
        assertThat(grid.interpolatedPoints()).as("jitter leaves some minutes empty").isPositive();
        WindowScore[] expected;
        try (LoadedModel model = ModelBundle.load(bundle).open()) {
            expected = new SeriesScorer(model).scoreGrid(grid);
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(grid.size() + 1);
        assertThat(lines.get(0)).isEqualTo("timestamp,value,score,threshold,anomaly_score,is_anomaly");
        for (int i = 0; i < grid.size(); i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertThat(Instant.parse(cells[0]).toEpochMilli()).isEqualTo(grid.timestamps()[i]).isEqualTo(
                    grid.timestamps()[i] / MINUTE * MINUTE);
            assertThat(Double.parseDouble(cells[1])).isEqualTo(grid.rows()[i][0]);
            double want = expected[i] == null ? 0 : expected[i].score();
            assertThat(Double.parseDouble(cells[2])).as("score of grid point %d", i)
                    .isCloseTo(want, within(1e-12 + 1e-9 * want));
        }
        // the 7 points after the outage have no full window yet
        int restart = grid.segmentStarts()[1];
        for (int i = restart; i < restart + 7; i++) {
            assertThat(lines.get(i + 1).split(",")[2]).isEqualTo("0.0");
        }
    }

    @Test
    void theBundleRecordsTheGridItWasTrainedOn() throws Exception {
        assertThat(ModelBundle.load(bundle).manifest().provenance().config()).containsEntry("resampling",
                java.util.Map.of("stepMs", 60000, "gapPolicy", "interpolate", "maxGapSteps", 2));
    }

    @Test
    void namesBadResamplingOptions() {
        CliRun noStep = CliRun.of("score", "--model", bundle.toString(), "--data", data.toString(), "--out",
                tmp.resolve("x.csv").toString(), "--gap-policy", "break");
        assertThat(noStep.status()).isEqualTo(2);
        assertThat(noStep.err()).contains("--gap-policy and --max-gap-steps apply only with --resample STEP");

        CliRun bareNumber = CliRun.of("score", "--model", bundle.toString(), "--data", data.toString(), "--out",
                tmp.resolve("x.csv").toString(), "--resample", "60");
        assertThat(bareNumber.status()).isEqualTo(2);
        assertThat(bareNumber.err()).contains("invalid --resample: cannot read '60' as a duration");

        CliRun badPolicy = CliRun.of("score", "--model", bundle.toString(), "--data", data.toString(), "--out",
                tmp.resolve("x.csv").toString(), "--resample", "1m", "--gap-policy", "zero");
        assertThat(badPolicy.err()).contains("invalid --gap-policy: unknown gap policy 'zero'");
    }
}
