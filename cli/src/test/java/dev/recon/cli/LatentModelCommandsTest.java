package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.model.arch.AdversarialAutoencoderSpec;
import dev.recon.model.arch.ConvNetworkSpec;
import dev.recon.model.arch.DenseNetworkSpec;
import dev.recon.model.arch.VariationalAutoencoderSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.ScoreSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@code recon train --model vae|aae} and scoring their bundles with {@code recon score}. */
class LatentModelCommandsTest {

    @TempDir
    Path tmp;

    /** A NAB-style sine of 600 rows with a spike at row 550. */
    private Path series() throws IOException {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 600; i++) {
            double v = 50 + 10 * Math.sin(2 * Math.PI * i / 40) + (i == 550 ? 30 : 0);
            csv.append(String.format("2014-03-%02d %02d:%02d:00,%.4f%n", 1 + i / 288, (i % 288) / 12, (i % 12) * 5, v));
        }
        return Files.writeString(tmp.resolve("series.csv"), csv);
    }

    /** 8 x 8 bar images as plain idx3 + idx1: label 0 a horizontal bar, 1 a vertical one. */
    private Path[] bars(int count) throws IOException {
        return IdxBars.write(tmp.resolve("images-idx3-ubyte"), tmp.resolve("labels-idx1-ubyte"), count,
                IdxBars::everyFourthVertical, IdxBars::everyFourthVertical);
    }

    @Test
    void trainAVariationalAutoencoderOnASeriesAndScoreIt() throws Exception {
        Path data = series();
        Path bundle = tmp.resolve("vae");
        CliRun train = CliRun.of("train", "--model", "vae", "--data", data.toString(), "--out", bundle.toString(),
                "--window", "16", "--train-fraction", "0.6", "--epochs", "12", "--hidden", "16", "--latent", "4",
                "--beta", "0.5", "--kl-anneal-epochs", "2", "--score", "recon-samples:4", "--seed", "3", "--no-report");
        assertThat(train.status()).as(train.err()).isZero();
        assertThat(train.out()).contains("training vae", "mse + 0.5 x KL (annealed over 2 epochs)",
                "scoring recon-samples:4 (seed 3)", "wrote model bundle");
        BundleManifest m = ModelBundle.load(bundle).manifest();
        assertThat(m.architecture()).isEqualTo(new VariationalAutoencoderSpec(
                new DenseNetworkSpec(16, List.of(16), "relu", "none"), 4));
        assertThat(m.score()).isEqualTo(ScoreSpec.reconSamples(4, 3));
        assertThat(m.training().bestEpoch()).isGreaterThan(2);

        Path out = tmp.resolve("scores.csv");
        CliRun score = CliRun.of("score", "--model", bundle.toString(), "--data", data.toString(), "--out", out.toString());
        assertThat(score.status()).as(score.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(601);
        assertThat(lines.get(551).split(",")[5]).isEqualTo("1"); // the spike row: its anomaly score reaches the level
    }

    @Test
    void trainAnAdversarialAutoencoderOnImagesAndScoreAndEvaluateIt() throws Exception {
        Path[] idx = bars(240);
        Path bundle = tmp.resolve("aae");
        CliRun train = CliRun.of("train", "--model", "aae", "--data", idx[0].toString(), "--labels", idx[1].toString(),
                "--normal-classes", "0", "--out", bundle.toString(), "--filters", "4,8", "--latent", "4",
                "--discriminator-hidden", "16", "--loss", "bce", "--epochs", "8", "--batch-size", "16",
                "--learning-rate", "0.01", "--no-report");
        assertThat(train.status()).as(train.err()).isZero();
        assertThat(train.out()).contains("training aae (conv network, transposed decoder, latent 4",
                "bce loss, discriminator [16]", "AUROC", "wrote model bundle");
        BundleManifest m = ModelBundle.load(bundle).manifest();
        assertThat(((AdversarialAutoencoderSpec) m.architecture()).network()).isInstanceOf(ConvNetworkSpec.class);
        assertThat(m.training().loss()).isEqualTo("bce");

        Path out = tmp.resolve("scores.csv");
        CliRun score = CliRun.of("score", "--model", bundle.toString(), "--data", idx[0].toString(), "--labels",
                idx[1].toString(), "--out", out.toString());
        assertThat(score.status()).as(score.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(241);
        CliRun evaluate = CliRun.of("evaluate", "--model", bundle.toString(), "--data", idx[0].toString(), "--labels",
                idx[1].toString());
        assertThat(evaluate.status()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("AUROC");
    }

    @Test
    void optionsThatDoNotFitTheKindOrTheDataAreRefused() throws Exception {
        Path data = series();
        String out = tmp.resolve("m").toString();
        CliRun beta = CliRun.of("train", "--data", data.toString(), "--out", out, "--beta", "2");
        assertThat(beta.status()).isEqualTo(2);
        assertThat(beta.err()).contains("--beta and --kl-anneal-epochs apply to --model vae, not to dense");
        CliRun elbo = CliRun.of("train", "--data", data.toString(), "--out", out, "--window", "16", "--score", "elbo");
        assertThat(elbo.status()).isEqualTo(2);
        assertThat(elbo.err()).contains("a 'dense' model scores by mse or latent-knn:K");
        CliRun discriminator = CliRun.of("train", "--model", "vae", "--data", data.toString(), "--out", out,
                "--discriminator-hidden", "8");
        assertThat(discriminator.err()).contains("--discriminator-hidden applies to --model aae, not to vae");
        CliRun conv = CliRun.of("train", "--model", "aae", "--data", data.toString(), "--out", out, "--variant", "conv");
        assertThat(conv.err()).contains("invalid --variant: 'conv' for time series");
        CliRun bce = CliRun.of("train", "--model", "vae", "--data", data.toString(), "--out", out, "--window", "16",
                "--loss", "bce");
        assertThat(bce.status()).isEqualTo(2);
        assertThat(bce.err()).contains("bce needs training data in [0, 1]", "use --loss mse");
        CliRun anneal = CliRun.of("train", "--model", "vae", "--data", data.toString(), "--out", out,
                "--kl-anneal-epochs", "5", "--epochs", "5");
        assertThat(anneal.err()).contains("invalid kl-anneal-epochs: 5 (expected fewer than epochs (5)");
        CliRun badScore = CliRun.of("train", "--model", "vae", "--data", data.toString(), "--out", out,
                "--score", "recon-samples:x");
        assertThat(badScore.err()).contains("the count after ':' is not an integer");

        CliRun help = CliRun.of("train", "--help");
        assertThat(help.out()).contains("--variant", "--loss", "--beta", "--kl-anneal-epochs", "--score",
                "--discriminator-hidden", "default: mse", "default: recon-mean");
    }
}
