package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@code recon train --model cvae}, {@code recon score} and {@code recon evaluate} with conditions. */
class ConditionalModelCommandsTest {

    @TempDir
    Path tmp;

    /**
     * Writes {@code count} 8 x 8 bar images (label 0: horizontal bar, 1: vertical, alternating) as
     * gzipped idx3, and their labels as plain idx1 with {@code labelOffset} added to the first one.
     */
    private Path[] writeIdx(int count, String name, int labelOffset) throws IOException {
        return IdxBars.write(tmp.resolve(name + "-idx3-ubyte.gz"), tmp.resolve(name + "-labels-idx1-ubyte"), count,
                i -> i % 2, i -> i % 2 + (i == 0 ? labelOffset : 0));
    }

    @Test
    void trainScoreAndEvaluateAConditionalModelWithTheLabelsAsConditions() throws Exception {
        Path[] idx = writeIdx(240, "bars", 0);
        Path bundle = tmp.resolve("bars-cvae");
        CliRun train = CliRun.of("train", "--model", "cvae", "--variant", "dense", "--hidden", "32", "--latent", "2",
                "--loss", "bce", "--data", idx[0].toString(), "--labels", idx[1].toString(), "--out", bundle.toString(),
                "--epochs", "12", "--batch-size", "16", "--learning-rate", "0.01");
        assertThat(train.status()).as(train.err()).isZero();
        assertThat(train.out()).contains("training cvae (dense network, latent 2)", "conditioned on their labels [0, 1]",
                "relabelling: 48 held-out images with their own label", "AUROC",
                "wrote model bundle", "wrote training report");
        assertThat(bundle.resolve("training-report.html")).content().contains("scored under a wrong label", "known anomalous");
        assertThat(Files.readString(bundle.resolve("manifest.json")))
                .contains("\"kind\" : \"cvae\"", "\"conditions\" : 2", "\"conditionNames\" : [ \"0\", \"1\" ]");

        Path scores = tmp.resolve("scores.csv");
        CliRun score = CliRun.of("score", "--model", bundle.toString(), "--data", idx[0].toString(), "--labels",
                idx[1].toString(), "--out", scores.toString());
        assertThat(score.status()).as(score.err()).isZero();
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines).hasSize(241);
        assertThat(lines.get(0)).isEqualTo("index,score,threshold,is_anomaly,label");
        assertThat(lines.get(2)).startsWith("1,").endsWith(",1");

        CliRun evaluate = CliRun.of("evaluate", "--model", bundle.toString(), "--data", idx[0].toString(), "--labels",
                idx[1].toString());
        assertThat(evaluate.status()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("on 240 images by relabelling, conditions [0, 1]", "AUROC",
                "240 normal, 240 anomalous");
        double auroc = Double.parseDouble(evaluate.out().replaceAll("(?s).*AUROC (\\d\\.\\d+).*", "$1"));
        assertThat(auroc).as(evaluate.out()).isGreaterThan(0.9);

        // a label that is not a condition, missing labels, and normal classes are refused with the reason
        Path[] stray = writeIdx(4, "stray", 5);
        CliRun unknown = CliRun.of("score", "--model", bundle.toString(), "--data", stray[0].toString(), "--labels",
                stray[1].toString(), "--out", tmp.resolve("x.csv").toString());
        assertThat(unknown.status()).isEqualTo(UserErrorHandler.USER_ERROR);
        assertThat(unknown.err()).contains("has label 5, which is not a condition of model 'bars-idx3-ubyte'");
        CliRun unlabelled = CliRun.of("score", "--model", bundle.toString(), "--data", idx[0].toString(), "--out",
                tmp.resolve("y.csv").toString());
        assertThat(unlabelled.status()).isEqualTo(UserErrorHandler.USER_ERROR);
        assertThat(unlabelled.err()).contains("is a conditional model (cvae)", "pass --labels");
        CliRun classes = CliRun.of("evaluate", "--model", bundle.toString(), "--data", idx[0].toString(), "--labels",
                idx[1].toString(), "--normal-classes", "0");
        assertThat(classes.err()).contains("--normal-classes does not apply", "measured by relabelling");
    }

    @Test
    void aConditionalModelTrainsOnlyOnLabelledImages() throws Exception {
        Path[] idx = writeIdx(16, "few", 0);
        CliRun noLabels = CliRun.of("train", "--model", "cvae", "--data", idx[0].toString(), "--out",
                tmp.resolve("a").toString());
        assertThat(noLabels.status()).isEqualTo(UserErrorHandler.USER_ERROR);
        assertThat(noLabels.err()).contains("a cvae is conditioned on each image's label", "pass --labels");
        Path csv = Files.writeString(tmp.resolve("series.csv"), "timestamp,value\n1,1.0\n2,2.0\n");
        CliRun series = CliRun.of("train", "--model", "cvae", "--data", csv.toString(), "--out",
                tmp.resolve("b").toString());
        assertThat(series.err()).contains("--model cvae trains on labelled images", "time series have no conditions");
        CliRun discriminator = CliRun.of("train", "--model", "cvae", "--data", idx[0].toString(), "--labels",
                idx[1].toString(), "--discriminator-hidden", "8", "--out", tmp.resolve("c").toString());
        assertThat(discriminator.err()).contains("--discriminator-hidden applies to --model aae, not to cvae");
    }
}
