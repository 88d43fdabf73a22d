package dev.recon.bench.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistBenchmarkTest {

    private static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path tmp;

    @Test
    void trainsOnOneClassOnlyAndMeasuresTheAurocOnTheWholeTestSet() throws Exception {
        assumeTrue(FashionMnistBenchmark.available(DATA), "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FashionMnistBenchmark benchmark = new FashionMnistBenchmark(DATA, 200, tmp,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        // Trousers (class 1) look like nothing else: even a tiny, briefly trained model separates them.
        List<FashionMnistBenchmark.Result> results = benchmark.run(List.of(
                new FashionMnistBenchmark.Variant("tiny conv AE", b -> b.optOptimisation(3e-3, 32, 3, 3))), List.of(1));

        assertThat(results).hasSize(1);
        FashionMnistBenchmark.Result r = results.get(0);
        assertThat(r.normalClass()).isEqualTo(1);
        assertThat(r.epochs()).isEqualTo(3);
        assertThat(r.auroc()).isGreaterThan(0.7);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("class 1 Trouser", "AUROC");
    }
}
