package dev.recon.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.model.arch.ArchitectureSpec;
import dev.recon.model.arch.ConvAutoencoderSpec;
import dev.recon.model.arch.ConvNetworkSpec;
import dev.recon.model.arch.DenseNetworkSpec;
import dev.recon.model.arch.VariationalAutoencoderSpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.ReconstructionScorer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The plain-Java image reference computes what DJL computes, so comparing their speed is fair. */
class PlainJavaConvAutoencoderTest {

    @TempDir
    Path tmp;

    static Stream<ArchitectureSpec> specs() {
        return Stream.concat(ImageScoringThroughput.defaultModels(1, 28, 28).stream(), Stream.of(
                // no bottleneck, tanh, linear output, three colour channels, a non-square image
                new ConvAutoencoderSpec(3, 8, 12, List.of(4, 6), ConvAutoencoderSpec.TRANSPOSED, 0, "tanh", "none"),
                new ConvAutoencoderSpec(3, 8, 12, List.of(4, 6), ConvAutoencoderSpec.UPSAMPLE, 5, "relu", "none"),
                new VariationalAutoencoderSpec(new ConvNetworkSpec(2, 8, 8, List.of(3), ConvAutoencoderSpec.UPSAMPLE,
                        "tanh", "none"), 4)));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void reconstructsLikeDjl(ArchitectureSpec spec) throws Exception {
        Path bundle = ImageScoringThroughput.bundle(tmp, spec);
        int images = 3;
        try (LoadedModel model = ModelBundle.load(bundle).open(); ReconstructionScorer djl = new ReconstructionScorer(model)) {
            PlainJavaConvAutoencoder plain = new PlainJavaConvAutoencoder(model.djlModel().getBlock(), spec);
            int width = spec.inputSize();
            assertThat(plain.inputSize()).isEqualTo(width);
            Random random = new Random(3);
            float[] in = new float[images * width];
            for (int i = 0; i < in.length; i++) {
                in[i] = random.nextFloat();
            }
            float[] expected = djl.reconstruct(in, images);
            float[] image = new float[width];
            float[] actual = new float[width];
            float maxDiff = 0;
            for (int k = 0; k < images; k++) {
                System.arraycopy(in, k * width, image, 0, width);
                plain.reconstruct(image, actual);
                for (int i = 0; i < width; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[k * width + i]));
                }
            }
            assertThat(maxDiff).as("max |plain Java - DJL| over %d images of %s", images, spec).isLessThan(1e-4f);
            // not a trivial pass: the outputs differ between images
            assertThat(expected[0]).isNotEqualTo(expected[width]);
        }
    }

    @Test
    void refusesModelsItDoesNotImplement() throws Exception {
        VariationalAutoencoderSpec dense = new VariationalAutoencoderSpec(
                new DenseNetworkSpec(16, List.of(8), "relu", "sigmoid"), 2);
        assertThatThrownBy(() -> new PlainJavaConvAutoencoder(dense.newBlock(), dense))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("with a 'conv' network");
    }
}
