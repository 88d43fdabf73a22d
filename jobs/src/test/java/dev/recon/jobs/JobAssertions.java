package dev.recon.jobs;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.flink.core.execution.JobClient;

/** Waits for a running job's output in ITCases, failing with the job's own error if it ends first. */
final class JobAssertions {

    private JobAssertions() {}

    /** Repeats {@code check} until it holds; fails with the job's error if the job ends first. */
    static void awaitOrFail(JobClient job, Duration timeout, BooleanSupplier check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (job.getJobExecutionResult().isDone()) {
                job.getJobExecutionResult().get(); // throws the failure
                fail("job ended before the expected output arrived");
            }
            if (check.getAsBoolean()) {
                return;
            }
            Thread.sleep(50); // a check that does not block (accumulators) must not spin
        }
        fail("expected output did not arrive within " + timeout + "; job status " + job.getJobStatus().get());
    }
}
