package dev.recon.jobs;

import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.ImageAnomalyEvent;
import dev.recon.operators.types.ScoredImage;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * An image job built on an environment but not yet started: its streams (a caller may attach more
 * sinks to them) and how to start it.
 *
 * @param environment the environment holding the graph
 * @param jobName the job's name
 * @param scoredImages every scored image, anomalous or not
 * @param anomalies the anomaly events (already going to the anomaly sink)
 * @param deadLetters all dead letters (already going to the dead-letter sink)
 */
public record ImagePipeline(
        StreamExecutionEnvironment environment,
        String jobName,
        DataStream<ScoredImage> scoredImages,
        DataStream<ImageAnomalyEvent> anomalies,
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
