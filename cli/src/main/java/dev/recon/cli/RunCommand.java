package dev.recon.cli;

import dev.recon.cli.cluster.FlinkRestClient;
import dev.recon.cli.cluster.JobSubmitter;
import dev.recon.jobs.TimeSeriesJob;
import dev.recon.jobs.TimeSeriesJobConfig;
import dev.recon.jobs.config.ConfigException;
import dev.recon.jobs.config.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recon run}: runs a streaming job in an in-process Flink MiniCluster until interrupted, or
 * submits it to a Flink cluster over REST ({@code --cluster}) and prints the job id.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run a recon streaming job in Flink's local MiniCluster (in this process) until interrupted,"
                    + " or, with --cluster, submit it to a running Flink cluster and print the job id.",
            "Settings come from --config (a properties file) and --set KEY=VALUE overrides; they are"
                    + " validated, and the model bundle verified, before the job starts (with --cluster, the"
                    + " bundle is verified on the cluster, where its path must exist)."
        },
        footerHeading = "%nSettings:%n",
        sortOptions = false)
final class RunCommand implements Callable<Integer> {

    @Option(names = "--job", defaultValue = "timeseries", description = "Which job: timeseries (default: ${DEFAULT-VALUE}).")
    String job;

    @Option(names = "--config", paramLabel = "FILE", description = "Job settings (a .properties file).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting that overrides the file; repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--cluster", paramLabel = "HOST:PORT",
            description = "Submit to the Flink cluster whose REST endpoint this is (e.g. 127.0.0.1:8081) and return.")
    String cluster;

    @Option(names = "--job-jar", paramLabel = "FILE",
            description = "Job jar to submit with --cluster (default: the one built beside the CLI, or $"
                    + JobSubmitter.JOB_JAR_ENV + ").")
    Path jobJar;

    @Override
    public Integer call() throws Exception {
        if (!job.equals("timeseries")) {
            throw new IllegalArgumentException("invalid --job: '" + job + "' (supported: timeseries)");
        }
        Map<String, String> raw = new LinkedHashMap<>();
        if (config != null) {
            raw.putAll(Settings.readProperties(config));
        }
        raw.putAll(overrides);
        if (cluster != null) {
            return submit(raw);
        }
        if (jobJar != null) {
            throw new IllegalArgumentException("--job-jar needs --cluster (without it the job runs in this process)");
        }
        TimeSeriesJobConfig settings = TimeSeriesJobConfig.of(raw);
        JobClient client = TimeSeriesJob.withKafka(settings).build(LocalFlink.environment()).executeAsync();
        System.out.printf("job '%s' (%s) running: model %s v%s, reading '%s' at %s; Ctrl-C stops it%n",
                settings.jobName(), client.getJobID(), settings.bundle().manifest().name(),
                settings.bundle().manifest().version(), settings.readingsTopic(), settings.bootstrapServers());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> client.cancel().join()));
        client.getJobExecutionResult().get();
        return 0;
    }

    private int submit(Map<String, String> raw) throws Exception {
        checkAllButTheBundle(raw);
        FlinkRestClient flink = new FlinkRestClient(cluster);
        Path jar = jobJar != null ? jobJar : JobSubmitter.defaultJobJar();
        String jobId = new JobSubmitter(flink).submit(jar, TimeSeriesJob.class.getName(), raw);
        System.out.printf("submitted job '%s' to %s: job id %s%n",
                raw.getOrDefault(TimeSeriesJobConfig.JOB_NAME.key(), "recon-timeseries"), flink.base(), jobId);
        System.out.printf("cancel it with: curl -X PATCH '%s/jobs/%s?mode=cancel'%n", flink.base(), jobId);
        return 0;
    }

    /**
     * Fails here, before anything is uploaded, on every problem but the model bundle's: its path is
     * read on the cluster, so only the cluster can verify it.
     */
    private static void checkAllButTheBundle(Map<String, String> raw) {
        try {
            TimeSeriesJobConfig.of(raw);
        } catch (ConfigException e) {
            List<ConfigException.Problem> problems = e.problems().stream()
                    .filter(p -> !p.key().equals(TimeSeriesJobConfig.MODEL_BUNDLE.key()) || p.value() == null)
                    .toList();
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
    }
}
