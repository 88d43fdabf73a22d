package dev.recon.jobs;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** What a built (not executed) job graph contains, for the jobs' graph tests. */
final class JobGraphs {

    private JobGraphs() {}

    /** The uids of every operator built on {@code env}, each once. */
    static List<String> uids(StreamExecutionEnvironment env) {
        return env.getTransformations().stream()
                .flatMap(t -> t.getTransitivePredecessors().stream())
                .map(Transformation::getUid)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }
}
