package dev.recon.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.bench.throughput.ScoringThroughput.Measurement;
import dev.recon.model.arch.ArchitectureSpec;
import dev.recon.model.arch.ConvAutoencoderSpec;
import dev.recon.model.arch.VariationalAutoencoderSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ImageScoringThroughput}, with measurements of a few milliseconds. */
class ImageScoringThroughputTest {

    @TempDir
    Path tmp;

    @Test
    void theDefaultModelsAreBothConvDecodersAndTheConvVae() {
        List<ArchitectureSpec> models = ImageScoringThroughput.defaultModels(1, 28, 28);
        assertThat(models).hasSize(3);
        assertThat(models).filteredOn(s -> s instanceof ConvAutoencoderSpec).extracting(s -> ((ConvAutoencoderSpec) s)
                .decoder()).containsExactly(ConvAutoencoderSpec.TRANSPOSED, ConvAutoencoderSpec.UPSAMPLE);
        assertThat(models).filteredOn(s -> s instanceof VariationalAutoencoderSpec).hasSize(1);
        assertThat(models).extracting(ImageScoringThroughput::modelName).doesNotHaveDuplicates()
                .allMatch(name -> name.startsWith("conv AE [16, 32]") || name.startsWith("conv VAE [16, 32]"));
    }

    @Test
    void measuresEveryBatchSizeAndThreadCountOfDjlAndThePlainJavaReference() throws Exception {
        ImageScoringThroughput bench = new ImageScoringThroughput(new ScoringThroughput.Duration(10, 40));
        for (ArchitectureSpec spec : ImageScoringThroughput.defaultModels(1, 28, 28)) {
            List<Measurement> results = bench.measure(ImageScoringThroughput.bundle(tmp, spec), new int[] {1, 8}, 2);

            assertThat(results).hasSize(2 * 2 + 2);
            assertThat(results).extracting(Measurement::model).containsOnly(ImageScoringThroughput.modelName(spec));
            assertThat(results).extracting(Measurement::input).containsOnly("image 28 x 28 x 1");
            assertThat(results).filteredOn(m -> m.engine().equals(ScoringThroughput.DJL))
                    .extracting(m -> m.batchSize() + "/" + m.threads()).containsExactly("1/1", "8/1", "1/2", "8/2");
            assertThat(results).filteredOn(m -> m.engine().equals(ScoringThroughput.PLAIN_JAVA))
                    .extracting(Measurement::threads).containsExactly(1, 2);
            assertThat(results).allSatisfy(m -> assertThat(m.windowsPerSecond()).isPositive().isFinite());
        }
    }
}
