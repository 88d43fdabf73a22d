package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@code recon train --model conv2d}, {@code recon score} and {@code recon evaluate} on IDX images. */
class ImageCommandsTest {

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** Writes 8 x 8 bar images (label 0: horizontal bar, 1: vertical) as gzipped idx3 + plain idx1. */
    private Path[] writeIdx(int count) throws IOException {
        return IdxBars.write(tmp.resolve("images-idx3-ubyte.gz"), tmp.resolve("labels-idx1-ubyte"), count,
                IdxBars::everyFourthVertical, IdxBars::everyFourthVertical);
    }

    @Test
    void trainScoreAndEvaluateAConvModelOnIdxImages() throws Exception {
        Path[] idx = writeIdx(240);
        Path bundle = tmp.resolve("bars");
        CliRun train = run("train", "--model", "conv2d", "--data", idx[0].toString(), "--labels", idx[1].toString(),
                "--normal-classes", "0", "--out", bundle.toString(), "--filters", "4,8", "--bottleneck", "8",
                "--epochs", "8", "--batch-size", "16", "--learning-rate", "0.01", "--threshold-method", "sigma");
        assertThat(train.status()).as(train.err()).isZero();
        assertThat(train.out()).contains("training conv2d (transposed decoder, bottleneck 8)",
                "normal classes [0]", "threshold", "(sigma", "AUROC", "wrote model bundle");

        Path scores = tmp.resolve("scores.csv");
        CliRun score = run("score", "--model", bundle.toString(), "--data", idx[0].toString(), "--labels",
                idx[1].toString(), "--out", scores.toString());
        assertThat(score.status()).as(score.err()).isZero();
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines).hasSize(241);
        assertThat(lines.get(0)).isEqualTo("index,score,threshold,is_anomaly,label");
        assertThat(lines.get(4)).startsWith("3,").endsWith(",1"); // image 3 is a vertical bar, label 1

        Path unlabelled = tmp.resolve("unlabelled.csv");
        assertThat(run("score", "--model", bundle.toString(), "--data", idx[0].toString(), "--out",
                unlabelled.toString()).status()).isZero();
        assertThat(Files.readAllLines(unlabelled).get(0)).isEqualTo("index,score,threshold,is_anomaly");

        CliRun evaluate = run("evaluate", "--model", bundle.toString(), "--data", idx[0].toString(), "--labels",
                idx[1].toString());
        assertThat(evaluate.status()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("normal classes [0]", "precision", "recall", "F1", "AUROC",
                "180 normal, 60 anomalous");
    }

    @Test
    void imageMistakesAreOneLineUserErrors() throws Exception {
        Path[] idx = writeIdx(8);
        CliRun swapped = run("train", "--model", "conv2d", "--data", idx[1].toString(), "--out", tmp.resolve("x").toString());
        assertThat(swapped.status()).isEqualTo(UserErrorHandler.USER_ERROR);
        assertThat(swapped.err()).contains("recon train:", "expected images (idx3)");

        CliRun noLabels = run("train", "--model", "conv2d", "--data", idx[0].toString(), "--normal-classes", "0",
                "--out", tmp.resolve("x").toString());
        assertThat(noLabels.err()).contains("normal classes [0] need labels");

        CliRun kind = run("train", "--model", "gan", "--data", idx[0].toString(), "--out", tmp.resolve("x").toString());
        assertThat(kind.err()).contains("invalid --model: 'gan' (supported: dense, conv1d, lstm", "conv2d)");

        CliRun denoise = run("train", "--model", "conv2d", "--data", idx[0].toString(), "--denoise", "salt:0.1",
                "--out", tmp.resolve("x").toString());
        assertThat(denoise.err()).contains("invalid denoise: 'salt'");
    }
}
