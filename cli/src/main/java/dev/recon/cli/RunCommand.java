package dev.recon.cli;

import dev.recon.jobs.TimeSeriesJob;
import dev.recon.jobs.TimeSeriesJobConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon run}: runs a streaming job in an in-process Flink MiniCluster until interrupted. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run a recon streaming job in Flink's local MiniCluster (in this process) until interrupted.",
            "Settings come from --config (a properties file) and --set KEY=VALUE overrides; they are"
                    + " validated, and the model bundle verified, before the job starts."
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

    @Override
    public Integer call() throws Exception {
        if (!job.equals("timeseries")) {
            throw new IllegalArgumentException("invalid --job: '" + job + "' (supported: timeseries)");
        }
        TimeSeriesJobConfig settings = config != null
                ? TimeSeriesJobConfig.load(config, overrides)
                : TimeSeriesJobConfig.of(overrides);
        JobClient client = TimeSeriesJob.withKafka(settings).build(LocalFlink.environment()).executeAsync();
        System.out.printf("job '%s' (%s) running: model %s v%s, reading '%s' at %s; Ctrl-C stops it%n",
                settings.jobName(), client.getJobID(), settings.bundle().manifest().name(),
                settings.bundle().manifest().version(), settings.readingsTopic(), settings.bootstrapServers());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> client.cancel().join()));
        client.getJobExecutionResult().get();
        return 0;
    }
}
