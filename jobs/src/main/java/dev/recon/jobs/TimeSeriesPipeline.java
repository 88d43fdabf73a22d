package dev.recon.jobs;

import dev.recon.operators.types.AnomalyEvent;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.IncidentEvent;
import dev.recon.operators.types.ScoredWindow;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A time-series job built on an environment but not yet started: its streams (a caller may attach
 * more sinks to them, a console printer for example) and how to start it.
 *
 * <p>The job runs with object reuse: records reach chained operators without a copy, so a function
 * attached to these streams must treat them (and their arrays) as read-only.
 *
 * @param environment the environment holding the graph
 * @param jobName the job's name
 * @param scoredWindows every scored window, anomalous or not
 * @param anomalies the anomaly events (already going to the anomaly sink)
 * @param incidents the incident events (already going to the incident sink)
 * @param deadLetters all dead letters (already going to the dead-letter sink)
 */
public record TimeSeriesPipeline(
        StreamExecutionEnvironment environment,
        String jobName,
        DataStream<ScoredWindow> scoredWindows,
        DataStream<AnomalyEvent> anomalies,
        DataStream<IncidentEvent> incidents,
        DataStream<DeadLetter> deadLetters) {

    /**
     * Submits the job without waiting for it, in a local MiniCluster when the environment is local.
     * The returned client cancels it, reports its status and reads its accumulators
     * ({@link dev.recon.operators.metrics.ReconMetrics}).
     */
    public JobClient executeAsync() throws Exception {
        return environment.executeAsync(jobName);
    }
}
