package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.NormalizationSpec;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@code recon train} on several series ({@code --data} repeated, {@code --sensor-ids},
 * {@code --normalization}) and {@code recon score --sensor-id}.
 */
class MultiSeriesCliTest {

    @TempDir
    static Path tmp;

    private static Path low;
    private static Path high;
    private static Path bundle;

    @BeforeAll
    static void trainPerSensor() throws Exception {
        low = csv("boiler-low.csv", 10, 1);
        high = csv("boiler-high.csv", 800, 30);
        bundle = tmp.resolve("boilers");
        CliRun train = CliRun.of("train", "--data", low.toString(), "--data", high.toString(), "--sensor-ids",
                "boiler-1,boiler-2", "--normalization", "per-sensor", "--out", bundle.toString(), "--window", "8",
                "--train-fraction", "0.5", "--epochs", "2", "--hidden", "8", "--latent", "2");
        assertThat(train.status()).as(train.err()).isZero();
        assertThat(train.out()).contains("from " + low + " (sensor boiler-1)", "from " + high + " (sensor boiler-2)",
                "no training report: it covers one series, this model was fitted on 2");
    }

    private static Path csv(String name, double level, double amplitude) throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 300; i++) {
            csv.append(1_700_000_000_000L + 60_000L * i).append(',')
                    .append(String.format("%.4f", level + amplitude * Math.sin(i / 5.0))).append('\n');
        }
        return Files.writeString(tmp.resolve(name), csv);
    }

    @Test
    void theBundleKeepsEachSensorsStatisticsUnderItsId() throws Exception {
        NormalizationSpec spec = ModelBundle.load(bundle).manifest().normalization();
        assertThat(spec.sensors()).containsOnlyKeys("boiler-1", "boiler-2");
        assertThat(spec.toNormalizer("boiler-2").mean()[0]).isCloseTo(800, within(30.0));
    }

    @Test
    void scoreWithSensorIdNormalisesAsThatSensor() throws Exception {
        Path out = tmp.resolve("high-scores.csv");
        CliRun score = CliRun.of("score", "--model", bundle.toString(), "--data", high.toString(), "--out",
                out.toString(), "--sensor-id", "boiler-2");
        assertThat(score.status()).as(score.err()).isZero();
        assertThat(score.out()).doesNotContain("pooled");

        TimeSeries series = TimeSeriesCsv.read(high);
        WindowScore[] expected;
        try (LoadedModel model = ModelBundle.load(bundle).open()) {
            expected = new SeriesScorer(model).forSensor("boiler-2").scoreRows(series.timestamps(), series.rows());
        }
        List<String> lines = Files.readAllLines(out);
        for (int i = 7; i < series.size(); i += 37) {
            double written = Double.parseDouble(lines.get(i + 1).split(",")[2]);
            assertThat(written).as("row %d", i).isEqualTo(expected[i].score());
        }
    }

    @Test
    void scoreSaysWhenThePooledStatisticsAreUsed() {
        CliRun unknown = CliRun.of("score", "--model", bundle.toString(), "--data", high.toString(), "--out",
                tmp.resolve("unknown.csv").toString(), "--sensor-id", "boiler-9");
        assertThat(unknown.status()).as(unknown.err()).isZero();
        assertThat(unknown.out()).contains("no statistics of sensor 'boiler-9' (it has [boiler-1, boiler-2])");
        CliRun none = CliRun.of("score", "--model", bundle.toString(), "--data", high.toString(), "--out",
                tmp.resolve("none.csv").toString());
        assertThat(none.out()).contains("without --sensor-id the data is normalised with the pooled statistics");
    }

    @Test
    void refusesIdsThatDoNotMatchTheFiles() {
        CliRun run = CliRun.of("train", "--data", low.toString(), "--data", high.toString(), "--sensor-ids", "only-one",
                "--out", tmp.resolve("x").toString(), "--epochs", "1");
        assertThat(run.status()).isNotZero();
        assertThat(run.err()).contains("invalid --sensor-ids: only-one names 1 sensors for 2 --data files");
    }
}
