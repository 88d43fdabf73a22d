package dev.recon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.model.arch.ConditionalVariationalAutoencoderSpec;
import dev.recon.model.arch.Conditions;
import dev.recon.model.arch.DenseNetworkSpec;
import dev.recon.model.arch.NetworkSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.ScoreSpec;
import dev.recon.model.testing.TestBundles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ImageJob} with a conditional bundle ({@code cvae}): the parser gets the bundle's conditions. */
class ConditionalImageJobTest {

    @TempDir
    Path tmp;

    @Test
    void aConditionalBundlesConditionsReachTheParser() throws Exception {
        BundleManifest conv = TestBundles.convManifest(8, 8, "transposed", 1);
        Conditions conditions = Conditions.ofLabels(List.of(0, 1, 2));
        Path cvae = TestBundles.write(tmp.resolve("cvae"), new BundleManifest(conv.formatVersion(), "cvae", "1",
                conv.createdAt(), new ConditionalVariationalAutoencoderSpec(
                        new DenseNetworkSpec(64, List.of(8), "relu", NetworkSpec.SIGMOID), 2, conditions),
                conv.input(), conv.normalization(), new ScoreSpec(ScoreSpec.RECON_MEAN),
                conv.threshold(), null, null, Map.of()));
        ImageJobConfig config = ImageJobConfig.of(Map.of(
                "kafka.bootstrap-servers", "127.0.0.1:1", "model.bundle", cvae.toString()));
        assertThat(config.conditions()).isEqualTo(conditions);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ImageJob.withKafka(config).build(env);
        assertThat(env.getTransformations()).as("the graph builds with a conditional bundle").isNotEmpty();

        Path plain = TestBundles.writeConv(tmp.resolve("conv"), 8, 8, "transposed", 1);
        assertThat(ImageJobConfig.of(Map.of("kafka.bootstrap-servers", "127.0.0.1:1", "model.bundle",
                plain.toString())).conditions()).isNull();
    }
}
