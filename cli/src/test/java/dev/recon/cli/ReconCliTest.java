package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.model.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for the {@code recon} command line: help, train, score and user errors. */
class ReconCliTest {

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void everyCommandHasHelp() {
        CliRun top = run("--help");
        assertThat(top.out()).contains("train", "score", "evaluate", "produce", "run", "demo");
        // a bare % in a description makes picocli warn and print it unformatted
        assertThat(top.err()).doesNotContain("picocli WARN");
        for (String command : List.of("train", "score", "evaluate", "produce", "run", "demo")) {
            CliRun r = run(command, "--help");
            assertThat(r.status()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: recon " + command).doesNotContain("%n");
            assertThat(r.err()).as(command).doesNotContain("picocli WARN");
        }
    }

    @Test
    void trainThenScoreANabStyleFile() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 600; i++) {
            double v = 50 + 10 * Math.sin(2 * Math.PI * i / 40) + (i == 550 ? 30 : 0);
            csv.append(String.format("2014-03-%02d %02d:%02d:00,%.4f%n", 1 + i / 288, (i % 288) / 12, (i % 12) * 5, v));
        }
        Path data = Files.writeString(tmp.resolve("series.csv"), csv);
        Path bundle = tmp.resolve("model");
        CliRun train = run("train", "--data", data.toString(), "--out", bundle.toString(), "--window", "16",
                "--train-fraction", "0.6", "--epochs", "30", "--hidden", "16", "--latent", "4", "--seed", "3");
        assertThat(train.status()).as(train.err()).isZero();
        assertThat(train.out()).contains("epoch   1/30", "threshold", "wrote model bundle",
                "new values page too: farther than 1/32 of the training range (value 40.0",
                "then quiet for 120 windows");
        assertThat(ModelBundle.load(bundle).manifest().name()).isEqualTo("series");

        Path out = tmp.resolve("scores.csv");
        CliRun score = run("score", "--model", bundle.toString(), "--data", data.toString(), "--out", out.toString());
        assertThat(score.status()).as(score.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(601);
        assertThat(lines.get(0)).isEqualTo("timestamp,value,score,threshold,anomaly_score,is_anomaly");
        assertThat(lines.get(1)).startsWith("2014-03-01 00:00:00,");
        assertThat(lines.get(551).split(",")[5]).isEqualTo("1"); // the spike row: its anomaly score reaches the level
        assertThat(lines.get(551).split(",")[4]).as("30 above anything seen: a new value").isEqualTo("1.0");
        assertThat(ModelBundle.load(bundle).manifest().alarm().seasonalPeriods()).isEmpty();

        // a daily period: the spike of day two is new (a day before it the series was normal), so it still pages
        Path daily = tmp.resolve("daily");
        CliRun seasonal = run("train", "--data", data.toString(), "--out", daily.toString(), "--window", "16",
                "--train-fraction", "0.6", "--epochs", "30", "--hidden", "16", "--latent", "4", "--seed", "3",
                "--seasonal-periods", "p1d");
        assertThat(seasonal.status()).as(seasonal.err()).isZero();
        assertThat(ModelBundle.load(daily).manifest().alarm().seasonalPeriods()).containsExactly("P1D");
        Path dailyOut = tmp.resolve("daily.csv");
        CliRun dailyScore = run("score", "--model", daily.toString(), "--data", data.toString(), "--out",
                dailyOut.toString());
        assertThat(dailyScore.status()).as(dailyScore.err()).isZero();
        assertThat(Files.readAllLines(dailyOut).get(551).split(",")[5]).isEqualTo("1");
    }

    @Test
    void userErrorsGiveOneLineAndStatusTwo() throws Exception {
        CliRun missing = run("score", "--model", tmp.resolve("none").toString(), "--data", "x.csv", "--out", "o.csv");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("recon score: model bundle not found").doesNotContain("Exception");

        Path bad = Files.writeString(tmp.resolve("bad.csv"), "timestamp,value\n2014-01-01 00:00:00,x\n");
        CliRun badData = run("train", "--data", bad.toString(), "--out", tmp.resolve("m").toString());
        assertThat(badData.status()).isEqualTo(2);
        assertThat(badData.err()).contains("line 2 column 'value': expected a finite number, got 'x'");

        CliRun badOption = run("train", "--data", bad.toString(), "--out", "m", "--window", "1");
        assertThat(badOption.status()).isEqualTo(2);
        assertThat(badOption.err()).contains("invalid window: 1");

        CliRun badPeriod = run("train", "--data", bad.toString(), "--out", "m", "--seasonal-periods", "P1D,weekly");
        assertThat(badPeriod.status()).isEqualTo(2);
        assertThat(badPeriod.err()).contains("--seasonal-periods (none, or periods such as P1D,P7D) must hold ISO-8601"
                + " durations such as P1D or PT12H, got 'WEEKLY'");

        CliRun imagePeriod = run("train", "--data", bad.toString(), "--out", "m", "--model", "conv2d",
                "--seasonal-periods", "P1D");
        assertThat(imagePeriod.status()).isEqualTo(2);
        assertThat(imagePeriod.err()).contains("--seasonal-periods applies to time-series models");

        CliRun badKind = run("train", "--data", bad.toString(), "--out", "m", "--model", "gan");
        assertThat(badKind.err()).contains("invalid --model: 'gan' (supported: dense, conv1d, lstm", "conv2d)");
    }
}
