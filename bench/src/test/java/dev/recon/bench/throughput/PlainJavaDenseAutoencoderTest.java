package dev.recon.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recon.model.arch.DenseAutoencoderSpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.ReconstructionScorer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain-Java reference computes what DJL computes, so comparing their speed is fair. */
class PlainJavaDenseAutoencoderTest {

    @TempDir
    Path tmp;

    @Test
    void reconstructsLikeDjl() throws Exception {
        Path bundle = ScoringThroughput.bundle(tmp, 16, 2);
        try (LoadedModel model = ModelBundle.load(bundle).open(); ReconstructionScorer djl = new ReconstructionScorer(model)) {
            PlainJavaDenseAutoencoder plain = new PlainJavaDenseAutoencoder(model.djlModel().getBlock(),
                    (DenseAutoencoderSpec) model.manifest().architecture());
            Random random = new Random(3);
            float[] in = new float[32];
            for (int i = 0; i < in.length; i++) {
                in[i] = (float) random.nextGaussian();
            }
            float[] expected = djl.reconstruct(in, 1);
            float[] actual = new float[32];
            plain.reconstruct(in, actual);
            for (int i = 0; i < 32; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-4f));
            }
        }
    }
}
