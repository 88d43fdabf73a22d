package dev.recon.bench.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.bench.nab.NabCorpus;
import dev.recon.bench.nab.NabFile;
import dev.recon.trainer.TrainerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ReconDetector} on one NAB file. */
class ReconDetectorTest {

    private static final String FILE = "realKnownCause/rogue_agent_key_hold.csv";

    @TempDir
    Path work;

    private static NabFile file() throws Exception {
        Path corpus = Files.isDirectory(Path.of("data/nab")) ? Path.of("data/nab") : Path.of("../data/nab");
        return NabCorpus.read(corpus).stream().filter(f -> f.name().equals(FILE)).findFirst().orElseThrow();
    }

    @Test
    void scoresEveryRowOnceTheModelHasTrainedAndSharesTheModel() throws Exception {
        NabFile file = file();
        // few epochs: the shape of the output is under test, not its quality
        ReconSeverities severities = new ReconSeverities(
                TrainerConfig.defaults("nab").withOptimisation(1e-3, 32, 3, 2), work);
        ReconSeverities.Run run = severities.of(file);
        int rows = file.values().length;
        assertThat(run.severity()).hasSize(rows);
        // 1882 rows: 282 fitted, 56 of them validation, so the window is capped at 56
        assertThat(run.window()).isEqualTo(56);
        assertThat(run.firstEmitted()).isEqualTo(282);
        assertThat(run.firstScored()).isEqualTo(282 - 56 + 56 - 1);
        assertThat(Arrays.stream(run.severity(), 0, run.firstScored())).allMatch(s -> Double.isNaN(s));
        assertThat(Arrays.stream(run.severity(), run.firstScored(), rows)).allMatch(s -> s >= 0 && Double.isFinite(s));

        double[] likelihood = new ReconDetector(severities, ReconDetector.Score.LIKELIHOOD).scores(file);
        assertThat(likelihood).hasSize(rows);
        assertThat(Arrays.stream(likelihood)).allMatch(s -> s >= 0 && s <= 1);
        assertThat(Arrays.stream(likelihood, run.firstEmitted(), rows).max().orElseThrow()).isGreaterThan(0.03);

        double[] combined = new ReconDetector(severities, ReconDetector.Score.ONSET_LIKELIHOOD).scores(file);
        assertThat(combined).hasSize(rows);
        assertThat(Arrays.stream(combined, 0, run.firstEmitted())).containsOnly(0.0);
        assertThat(Arrays.stream(combined)).allMatch(s -> s >= 0 && Double.isFinite(s));
        assertThat(severities.of(file)).as("trained once, shared by both detectors").isSameAs(run);
    }
}
