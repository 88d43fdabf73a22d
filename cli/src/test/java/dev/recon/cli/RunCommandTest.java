package dev.recon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests for {@code recon run}'s choice of job and its start-up validation (no job is started). */
class RunCommandTest {

    @Test
    void helpNamesBothJobs() {
        CliRun help = CliRun.of("run", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--job", "timeseries", "images", "dev.recon.jobs.ImageJob --help");
    }

    @Test
    void rejectsAnUnknownJob() {
        CliRun run = CliRun.of("run", "--job", "videos");
        assertThat(run.status()).isEqualTo(UserErrorHandler.USER_ERROR);
        assertThat(run.err()).contains("invalid --job: 'videos' (supported: timeseries, images)");
    }

    @Test
    void validatesTheImageJobsSettingsBeforeStarting() {
        CliRun run = CliRun.of("run", "--job", "images", "--set", "kafka.bootstrap-servers=127.0.0.1:1",
                "--set", "events.error-grid=0", "--set", "topic.readings=r");
        assertThat(run.status()).isEqualTo(UserErrorHandler.USER_ERROR);
        assertThat(run.err()).contains("model.bundle: required but not set",
                "events.error-grid = '0': expected an integer >= 1",
                "topic.readings = 'r': unknown setting");
    }

    @Test
    void theTimeSeriesJobStaysTheDefault() {
        CliRun run = CliRun.of("run", "--set", "kafka.bootstrap-servers=127.0.0.1:1", "--set", "topic.readings=r");
        assertThat(run.status()).isEqualTo(UserErrorHandler.USER_ERROR);
        assertThat(run.err()).contains("model.bundle: required but not set").doesNotContain("topic.readings");
    }
}
