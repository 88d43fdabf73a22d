package dev.recon.jobs;

import dev.recon.operators.types.ScoredWindow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Throws once, in one subtask, at the first window after a checkpoint completed and at least
 * {@code after} windows passed: a failure in the middle of a run, with committed output before it
 * and uncommitted output after it. The flag is static: the MiniCluster runs in the test's JVM, and
 * the restarted job must not fail again.
 */
final class FailOnceAfterCheckpoint implements MapFunction<ScoredWindow, ScoredWindow>, CheckpointListener {

    private static final long serialVersionUID = 1L;
    static final AtomicBoolean FAILED = new AtomicBoolean();

    private final int after;
    private transient int seen;
    private transient boolean checkpointed;

    FailOnceAfterCheckpoint(int after) {
        this.after = after;
    }

    @Override
    public ScoredWindow map(ScoredWindow window) {
        if (++seen >= after && checkpointed && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure at " + window.sensorId() + "@" + window.windowEnd());
        }
        return window;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointed = true;
    }
}
