package dev.recon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.model.testing.TestBundles;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ImageJob}'s graph (the ITCase runs it). */
class ImageJobTest {

    @TempDir
    Path tmp;

    @Test
    void givesEveryOperatorItsStableUidAndAppliesTheConfig() throws Exception {
        Path bundle = TestBundles.writeConv(tmp.resolve("b"), 8, 8, "transposed", 1);
        ImageJobConfig config = ImageJobConfig.of(Map.of(
                "kafka.bootstrap-servers", "127.0.0.1:1", "model.bundle", bundle.toString(),
                "parallelism", "3", "checkpoint.interval-ms", "1234", "job.name", "unit"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ImagePipeline pipeline = ImageJob.withKafka(config).build(env);

        assertThat(pipeline.jobName()).isEqualTo("unit");
        assertThat(env.getParallelism()).isEqualTo(3);
        assertThat(env.getCheckpointInterval()).isEqualTo(1234L);
        // (denoised output is off by default, so its sink is not part of the graph)
        assertThat(JobGraphs.uids(env)).containsExactlyInAnyOrder(ImageJob.SOURCE_UID, ImageJob.MODEL_UPDATES_UID,
                ImageJob.PARSER_UID, ImageJob.SCORER_UID, ImageJob.ANOMALY_FILTER_UID, ImageJob.TO_EVENT_UID,
                ImageJob.ANOMALY_SINK_UID, ImageJob.DEAD_LETTER_SINK_UID);
    }

    @Test
    void addsTheDenoisedSinkWhenAskedAndDropsTheUpdatesSourceWithoutHotSwap() throws Exception {
        Path bundle = TestBundles.writeConv(tmp.resolve("b"), 8, 8, "transposed", 1);
        ImageJobConfig config = ImageJobConfig.of(Map.of(
                "kafka.bootstrap-servers", "127.0.0.1:1", "model.bundle", bundle.toString(),
                "output.denoised", "true", "model.hot-swap", "false"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ImageJob.withKafka(config).build(env);
        assertThat(JobGraphs.uids(env)).contains(ImageJob.DENOISED_SINK_UID).doesNotContain(ImageJob.MODEL_UPDATES_UID);
    }
}
