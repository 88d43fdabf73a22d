package dev.recon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for the graph of a {@link TimeSeriesJob} serving several models (the MultiModelJobITCase runs one). */
class TimeSeriesJobRoutingTest {

    @TempDir
    Path tmp;

    @Test
    void eachRoutedModelHasItsOwnOperatorsAndTheDefaultKeepsTheSingleModelUids() throws Exception {
        Path pump = NamedBundles.write(tmp, "pump", List.of("v"), 8);
        Path fan = NamedBundles.write(tmp, "fan", List.of("v"), 4);
        Path other = NamedBundles.write(tmp, "other", List.of("v"), 6);
        TimeSeriesJobConfig config = TimeSeriesJobConfig.of(Map.of("kafka.bootstrap-servers", "127.0.0.1:1",
                "model.bundle", other.toString(), "model.routes", "pump-*=" + pump + ";fan-*=" + fan,
                "output.denoised", "true", "alarm.mode", "threshold"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TimeSeriesJob.withKafka(config).build(env);

        assertThat(JobGraphs.uids(env)).containsExactlyInAnyOrder(TimeSeriesJob.SOURCE_UID, TimeSeriesJob.MODEL_UPDATES_UID,
                TimeSeriesJob.PARSER_UID, TimeSeriesJob.EVENT_TIME_UID, TimeSeriesJob.ROUTER_UID,
                TimeSeriesJob.WINDOWS_UID, TimeSeriesJob.SCORER_UID,
                "assemble-windows@pump", "score-windows@pump", "assemble-windows@fan", "score-windows@fan",
                TimeSeriesJob.ANOMALY_FILTER_UID, TimeSeriesJob.TO_EVENT_UID, TimeSeriesJob.INCIDENTS_UID,
                TimeSeriesJob.ANOMALY_SINK_UID, TimeSeriesJob.INCIDENT_SINK_UID, TimeSeriesJob.DEAD_LETTER_SINK_UID,
                TimeSeriesJob.DENOISED_SINK_UID);
        assertThat(TimeSeriesJob.routedUid(TimeSeriesJob.SCORER_UID, "pump")).isEqualTo("score-windows@pump");
    }

    @Test
    void routesWithoutADefaultHaveNoDefaultOperators() throws Exception {
        Path pump = NamedBundles.write(tmp, "pump", List.of("v"), 8);
        TimeSeriesJobConfig config = TimeSeriesJobConfig.of(Map.of("kafka.bootstrap-servers", "127.0.0.1:1",
                "model.routes", "pump-*=" + pump, "model.hot-swap", "false"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TimeSeriesJob.withKafka(config).build(env);

        assertThat(JobGraphs.uids(env)).contains(TimeSeriesJob.ROUTER_UID, "assemble-windows@pump", "score-windows@pump")
                .doesNotContain(TimeSeriesJob.WINDOWS_UID, TimeSeriesJob.SCORER_UID, TimeSeriesJob.MODEL_UPDATES_UID);
    }
}
