package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code recon train --model conv1d|lstm}, then {@code recon score} and {@code recon evaluate} on a labelled series. */
class SeriesModelsCliTest {

    private static final int ROWS = 800;
    /** Rows 650 to 670 are shifted up on both channels: the labelled anomaly. */
    private static final int ANOMALY_START = 650;
    private static final int ANOMALY_END = 670;

    @TempDir
    Path tmp;

    private static String timestamp(int i) {
        return String.format(Locale.ROOT, "2014-03-%02d %02d:%02d:00", 1 + i / 288, (i % 288) / 12, (i % 12) * 5);
    }

    /** A two-channel series; with {@code labelColumn}, a trailing label column with the given header. */
    private Path writeSeries(String file, String labelColumn) throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,temperature,vibration")
                .append(labelColumn == null ? "" : "," + labelColumn).append('\n');
        for (int i = 0; i < ROWS; i++) {
            boolean anomalous = i >= ANOMALY_START && i <= ANOMALY_END;
            double shift = anomalous ? 25 : 0;
            double a = 50 + 10 * Math.sin(2 * Math.PI * i / 40) + shift;
            double b = 5 + 2 * Math.cos(2 * Math.PI * i / 25) + shift / 5;
            csv.append(timestamp(i)).append(String.format(Locale.ROOT, ",%.4f,%.4f", a, b));
            if (labelColumn != null) {
                csv.append(',').append(anomalous ? 1 : 0);
            }
            csv.append('\n');
        }
        return Files.writeString(tmp.resolve(file), csv);
    }

    private Path train(String kind, Path data, int epochs, String... options) {
        Path bundle = tmp.resolve(kind);
        List<String> args = new ArrayList<>(List.of("train", "--model", kind, "--data", data.toString(),
                "--out", bundle.toString(), "--window", "16", "--train-fraction", "0.6", "--epochs", "" + epochs,
                "--learning-rate", "0.01", "--seed", "3"));
        args.addAll(List.of(options));
        CliRun train = CliRun.of(args.toArray(String[]::new));
        assertThat(train.status()).as(train.err()).isZero();
        assertThat(train.out()).contains("training " + kind, "epoch   1/" + epochs, "threshold", "wrote model bundle");
        return bundle;
    }

    private static double metric(String out, String name) {
        Matcher m = Pattern.compile(name + " (\\d+\\.\\d+)").matcher(out);
        assertThat(m.find()).as("%s in %s", name, out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv1d", "lstm"})
    void trainScoreAndEvaluateFromTheCommandLine(String kind) throws Exception {
        Path data = writeSeries("series.csv", null);
        Path bundle = kind.equals("conv1d")
                ? train(kind, data, 15, "--filters", "8,8", "--kernel", "3", "--downsample", "stride", "--bottleneck", "6")
                : train(kind, data, 15, "--hidden", "16", "--layers", "1", "--latent", "6");
        BundleManifest m = ModelBundle.load(bundle).manifest();
        assertThat(m.architecture().kind()).isEqualTo(kind);
        assertThat(m.input().channels()).containsExactly("temperature", "vibration");
        assertThat(m.architecture().toString()).contains(kind.equals("conv1d")
                ? "filters=[8, 8], kernel=3, downsampling=stride, bottleneck=6" : "hidden=16, layers=1, latent=6");

        Path scores = tmp.resolve("scores.csv");
        CliRun score = CliRun.of("score", "--model", bundle.toString(), "--data", data.toString(),
                "--out", scores.toString());
        assertThat(score.status()).as(score.err()).isZero();
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines).hasSize(ROWS + 1);
        assertThat(lines.get(0)).isEqualTo("timestamp,temperature,vibration,score,threshold,anomaly_score,is_anomaly");
        String[] inAnomaly = lines.get(1 + ANOMALY_START + 2).split(",");
        assertThat(Double.parseDouble(inAnomaly[3])).as("score over the threshold")
                .isGreaterThan(Double.parseDouble(inAnomaly[4]));
        // the alarm: anomaly scores in [0, 1], and one reaching the level while the anomaly lasts
        assertThat(lines.subList(1, lines.size())).allSatisfy(line ->
                assertThat(Double.parseDouble(line.split(",")[5])).isBetween(0.0, 1.0));
        assertThat(lines.subList(1 + ANOMALY_START, 1 + ANOMALY_END)).anySatisfy(line ->
                assertThat(line.split(",")[6]).isEqualTo("1"));

        // labels from a column of the data
        Path labelled = writeSeries("labelled.csv", "is_anomaly");
        CliRun byColumn = CliRun.of("evaluate", "--model", bundle.toString(), "--data", labelled.toString());
        assertThat(byColumn.status()).as(byColumn.err()).isZero();
        assertThat(byColumn.out()).contains("series v1 on " + (ROWS - 15) + " windows of 16 readings (21 of 800"
                + " readings labelled anomalous)", "precision", "recall", "F1", "AUROC", "column 'is_anomaly'");
        assertThat(metric(byColumn.out(), "recall")).isGreaterThan(0.5);
        assertThat(metric(byColumn.out(), "AUROC")).isGreaterThan(0.9);
        // what pages: the bundle's alarm on the same rows as recon score's is_anomaly column
        long alarms = lines.stream().skip(1).filter(line -> line.endsWith(",1")).count();
        assertThat(byColumn.out()).contains("alarm (onset-likelihood, anomaly score >= 0.7, as recon score's"
                + " is_anomaly and the job): 1 of 1 labelled episodes caught, " + alarms + " alarms, ");

        // the same labels as NAB-style anomaly windows give the same metrics
        Path json = Files.writeString(tmp.resolve("windows.json"), "{\"group/series.csv\": [[\""
                + timestamp(ANOMALY_START) + ".000000\", \"" + timestamp(ANOMALY_END) + ".000000\"]]}");
        CliRun byWindows = CliRun.of("evaluate", "--model", bundle.toString(), "--data", data.toString(),
                "--labels", json.toString());
        assertThat(byWindows.status()).as(byWindows.err()).isZero();
        assertThat(byWindows.out()).contains("labels from " + json);
        for (String metric : List.of("precision", "recall", "F1", "AUROC")) {
            assertThat(metric(byWindows.out(), metric)).as(metric).isEqualTo(metric(byColumn.out(), metric));
        }
    }

    @Test
    void evaluateRejectsMissingAndMalformedLabelsClearly() throws Exception {
        Path data = writeSeries("series.csv", null);
        Path bundle = train("lstm", data, 1, "--hidden", "4", "--latent", "0");
        String model = bundle.toString();

        CliRun none = CliRun.of("evaluate", "--model", model, "--data", data.toString());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("evaluating a time series needs labels: a column named label or is_anomaly",
                "--labels LABELS.json");

        Path half = Files.writeString(tmp.resolve("half.csv"),
                Files.readString(writeSeries("l.csv", "label")).replaceFirst(",0\n", ",0.5\n"));
        CliRun notBinary = CliRun.of("evaluate", "--model", model, "--data", half.toString());
        assertThat(notBinary.status()).isEqualTo(2);
        assertThat(notBinary.err()).contains("row 1 (2014-03-01 00:00:00) column 'label': expected 0 or 1, got 0.5");

        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"series.csv\": [[\"2014-03-01 00:00:00\"]]}");
        CliRun badJson = CliRun.of("evaluate", "--model", model, "--data", data.toString(), "--labels", broken.toString());
        assertThat(badJson.status()).isEqualTo(2);
        assertThat(badJson.err()).contains("entry 'series.csv' window 0: expected a pair [start, end] of timestamps");

        Path other = Files.writeString(tmp.resolve("other.json"), "{\"other.csv\": []}");
        CliRun noEntry = CliRun.of("evaluate", "--model", model, "--data", data.toString(), "--labels", other.toString());
        assertThat(noEntry.err()).contains("has no anomaly windows for 'series.csv'; its entries are [other.csv]");

        Path labelled = writeSeries("labelled.csv", "label");
        CliRun both = CliRun.of("evaluate", "--model", model, "--data", labelled.toString(), "--labels", other.toString());
        assertThat(both.err()).contains("has a label column and --labels", "use one of them");

        CliRun classes = CliRun.of("evaluate", "--model", model, "--data", labelled.toString(), "--normal-classes", "0");
        assertThat(classes.err()).contains("--normal-classes applies to image bundles");

        Path unlabelledCopy = Files.copy(data, tmp.resolve("labelled-copy.csv"));
        CliRun oneClass = CliRun.of("evaluate", "--model", model, "--data", unlabelledCopy.toString(),
                "--labels", Files.writeString(tmp.resolve("e2.json"), "{\"labelled-copy.csv\": []}").toString());
        assertThat(oneClass.err()).contains("detection metrics need normal and anomalous examples, got 785 normal and 0"
                + " anomalous");
    }

    @Test
    void invalidHyperParametersNameTheOption() throws Exception {
        Path data = writeSeries("series.csv", null);
        String out = tmp.resolve("m").toString();
        CliRun window = CliRun.of("train", "--model", "conv1d", "--data", data.toString(), "--out", out,
                "--window", "30", "--filters", "8,8");
        assertThat(window.status()).isEqualTo(2);
        assertThat(window.err()).contains("invalid window: 30 (expected a multiple of 2^2 = 4 for conv1d");
        CliRun kernel = CliRun.of("train", "--model", "conv1d", "--data", data.toString(), "--out", out,
                "--kernel", "4");
        assertThat(kernel.err()).contains("invalid kernel: 4 (expected an odd length >= 1)");
        CliRun downsample = CliRun.of("train", "--model", "conv1d", "--data", data.toString(), "--out", out,
                "--downsample", "avg");
        assertThat(downsample.err()).contains("invalid downsample: avg (expected maxpool or stride)");
        CliRun hidden = CliRun.of("train", "--model", "lstm", "--data", data.toString(), "--out", out,
                "--hidden", "16,8");
        assertThat(hidden.err()).contains("invalid hidden: [16, 8] (expected one size for lstm");
        CliRun layers = CliRun.of("train", "--model", "lstm", "--data", data.toString(), "--out", out,
                "--layers", "0");
        assertThat(layers.err()).contains("invalid layers: 0 (expected >= 1)");
        assertThat(CliRun.of("train", "--help").out()).contains("--kernel", "--downsample", "--layers", "conv1d", "lstm");
    }
}
