package dev.recon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.model.testing.TestBundles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link TimeSeriesJob}'s graph (the ITCase runs it). */
class TimeSeriesJobTest {

    @TempDir
    Path tmp;

    @Test
    void givesEveryOperatorItsStableUidAndAppliesTheConfig() throws Exception {
        Path bundle = TestBundles.writeDense(tmp.resolve("b"), List.of("v"), 4, 1, 1);
        TimeSeriesJobConfig config = TimeSeriesJobConfig.of(Map.of(
                "kafka.bootstrap-servers", "127.0.0.1:1", "model.bundle", bundle.toString(),
                "parallelism", "3", "checkpoint.interval-ms", "1234", "job.name", "unit", "alarm.mode", "threshold"));
        // (denoised output is off by default, so its sink is not part of the graph)
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TimeSeriesPipeline pipeline = TimeSeriesJob.withKafka(config).build(env);

        assertThat(pipeline.jobName()).isEqualTo("unit");
        assertThat(env.getParallelism()).isEqualTo(3);
        assertThat(env.getCheckpointInterval()).isEqualTo(1234L);
        List<String> uids = JobGraphs.uids(env);
        assertThat(uids).containsExactlyInAnyOrder(TimeSeriesJob.SOURCE_UID, TimeSeriesJob.MODEL_UPDATES_UID, TimeSeriesJob.PARSER_UID,
                TimeSeriesJob.EVENT_TIME_UID, TimeSeriesJob.WINDOWS_UID, TimeSeriesJob.SCORER_UID,
                TimeSeriesJob.ANOMALY_FILTER_UID, TimeSeriesJob.TO_EVENT_UID, TimeSeriesJob.INCIDENTS_UID,
                TimeSeriesJob.ANOMALY_SINK_UID, TimeSeriesJob.INCIDENT_SINK_UID, TimeSeriesJob.DEAD_LETTER_SINK_UID);
    }

    @Test
    void runsWithObjectReuseAndNoTypeFallsBackToKryo() throws Exception {
        Path bundle = TestBundles.writeDense(tmp.resolve("b"), List.of("v"), 4, 1, 1);
        Path other = NamedBundles.write(tmp, "pump", List.of("v"), 4);
        TimeSeriesJobConfig config = TimeSeriesJobConfig.of(Map.of(
                "kafka.bootstrap-servers", "127.0.0.1:1", "model.bundle", bundle.toString(),
                "model.routes", "pump-*=" + other, "output.denoised", "true", "parallelism", "2"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TimeSeriesJob.withKafka(config).build(env);
        assertThat(env.getConfig().isObjectReuseEnabled()).isTrue();

        // Generating the job graph creates the serializer of every stream; a generic type would throw here.
        ((SerializerConfigImpl) env.getConfig().getSerializerConfig()).setGenericTypes(false);
        assertThat(env.getStreamGraph().getJobGraph().getNumberOfVertices()).isPositive();
    }

    @Test
    void chainsTheScorerToTheWindowAssemblerWithHotSwapOn() throws Exception {
        Path bundle = TestBundles.writeDense(tmp.resolve("b"), List.of("v"), 4, 1, 1);
        TimeSeriesJobConfig config = TimeSeriesJobConfig.of(Map.of(
                "kafka.bootstrap-servers", "127.0.0.1:1", "model.bundle", bundle.toString(), "parallelism", "2"));
        assertThat(config.hotSwap()).isTrue();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TimeSeriesJob.withKafka(config).build(env);

        List<String> vertices = new java.util.ArrayList<>();
        env.getStreamGraph().getJobGraph().getVertices().forEach(v -> vertices.add(v.getName()));
        assertThat(vertices).anySatisfy(name -> assertThat(name).startsWith("order and window readings -> score windows"));
    }

    @Test
    void judgesWithTheOnsetLikelihoodAlarmAndTracksIncidentsWithoutASecondShuffle() throws Exception {
        Path bundle = TestBundles.writeDense(tmp.resolve("b"), List.of("v"), 4, 1, 1);
        Path other = NamedBundles.write(tmp, "pump", List.of("v"), 4);
        TimeSeriesJobConfig config = TimeSeriesJobConfig.of(Map.of(
                "kafka.bootstrap-servers", "127.0.0.1:1", "model.bundle", bundle.toString(),
                "model.routes", "pump-*=" + other, "parallelism", "2", "alarm.mode", "onset-likelihood"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TimeSeriesJob.withKafka(config).build(env);
        assertThat(JobGraphs.uids(env)).contains(TimeSeriesJob.ALARM_UID, TimeSeriesJob.INCIDENTS_UID)
                .doesNotContain(TimeSeriesJob.ANOMALY_FILTER_UID, TimeSeriesJob.TO_EVENT_UID);

        // the alarm state and the side output need no Kryo either
        ((SerializerConfigImpl) env.getConfig().getSerializerConfig()).setGenericTypes(false);
        List<String> vertices = new java.util.ArrayList<>();
        env.getStreamGraph().getJobGraph().getVertices().forEach(v -> vertices.add(v.getName()));
        // one vertex: the incident tracker is chained to the alarm, so no shuffle between them
        assertThat(vertices).anySatisfy(name -> assertThat(name).startsWith("onset x likelihood alarm -> ")
                .contains("incidents -> incidents: Writer"));
    }
}
