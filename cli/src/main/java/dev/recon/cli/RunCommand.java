package dev.recon.cli;

import dev.recon.cli.cluster.FlinkRestClient;
import dev.recon.cli.cluster.JobSubmitter;
import dev.recon.jobs.ImageJob;
import dev.recon.jobs.ImageJobConfig;
import dev.recon.jobs.TimeSeriesJob;
import dev.recon.jobs.TimeSeriesJobConfig;
import dev.recon.jobs.config.ConfigException;
import dev.recon.jobs.config.Settings;
import dev.recon.model.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recon run}: runs a streaming job (time series by default, {@code --job images} for the
 * image job) in an in-process Flink MiniCluster until interrupted, or submits it to a Flink cluster
 * over REST ({@code --cluster}) and prints the job id.
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
        footerHeading = "%nSettings of --job timeseries (--job images takes the image job's, listed in"
                + " docs/configuration.md and by java dev.recon.jobs.ImageJob --help):%n",
        sortOptions = false)
final class RunCommand implements Callable<Integer> {

    /** The time-series job's {@code --job} name. */
    static final String TIME_SERIES = "timeseries";
    /** The image job's {@code --job} name. */
    static final String IMAGES = "images";

    @Option(names = "--job", defaultValue = TIME_SERIES,
            description = "Which job: timeseries (sensor readings, settings of dev.recon.jobs.TimeSeriesJob) or images"
                    + " (the images topic, settings of dev.recon.jobs.ImageJob; --set KEY=VALUE works alike)."
                    + " Default: ${DEFAULT-VALUE}.")
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
        boolean images = switch (job) {
            case TIME_SERIES -> false;
            case IMAGES -> true;
            default -> throw new IllegalArgumentException("invalid --job: '" + job + "' (supported: " + TIME_SERIES
                    + ", " + IMAGES + ")");
        };
        Map<String, String> raw = new LinkedHashMap<>();
        if (config != null) {
            raw.putAll(Settings.readProperties(config));
        }
        raw.putAll(overrides);
        if (cluster != null) {
            return submit(raw, images);
        }
        if (jobJar != null) {
            throw new IllegalArgumentException("--job-jar needs --cluster (without it the job runs in this process)");
        }
        JobClient client;
        String name;
        List<ModelBundle> bundles;
        String input;
        String bootstrap;
        if (images) {
            ImageJobConfig settings = ImageJobConfig.of(raw);
            client = ImageJob.withKafka(settings).build(LocalFlink.environment()).executeAsync();
            name = settings.jobName();
            bundles = List.of(settings.bundle());
            input = "'" + settings.imagesTopic() + "' (images converted to " + settings.imageShape() + ")";
            bootstrap = settings.bootstrapServers();
        } else {
            TimeSeriesJobConfig settings = TimeSeriesJobConfig.of(raw);
            client = TimeSeriesJob.withKafka(settings).build(LocalFlink.environment()).executeAsync();
            name = settings.jobName();
            bundles = settings.servedBundles();
            input = "'" + settings.readingsTopic() + "'";
            bootstrap = settings.bootstrapServers();
        }
        String models = bundles.stream().map(b -> b.manifest().name() + " v" + b.manifest().version())
                .collect(Collectors.joining(", "));
        System.out.printf("job '%s' (%s) running: model%s %s, reading %s at %s; Ctrl-C stops it%n",
                name, client.getJobID(), bundles.size() == 1 ? "" : "s", models, input, bootstrap);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> client.cancel().join()));
        client.getJobExecutionResult().get();
        return 0;
    }

    private int submit(Map<String, String> raw, boolean images) throws Exception {
        checkAllButTheBundle(raw, images);
        FlinkRestClient flink = new FlinkRestClient(cluster);
        Path jar = jobJar != null ? jobJar : JobSubmitter.defaultJobJar();
        Class<?> main = images ? ImageJob.class : TimeSeriesJob.class;
        String defaultName = images ? ImageJobConfig.JOB_NAME.defaultText() : TimeSeriesJobConfig.JOB_NAME.defaultText();
        String jobId = new JobSubmitter(flink).submit(jar, main.getName(), raw);
        System.out.printf("submitted job '%s' to %s: job id %s%n",
                raw.getOrDefault(TimeSeriesJobConfig.JOB_NAME.key(), defaultName), flink.base(), jobId);
        System.out.printf("cancel it with: curl -X PATCH '%s/jobs/%s?mode=cancel'%n", flink.base(), jobId);
        return 0;
    }

    /**
     * Fails here, before anything is uploaded, on every problem but the model bundles' (model.bundle,
     * model.routes): their paths are read on the cluster, so only the cluster can verify them.
     */
    private static void checkAllButTheBundle(Map<String, String> raw, boolean images) {
        try {
            if (images) {
                ImageJobConfig.of(raw);
            } else {
                TimeSeriesJobConfig.of(raw);
            }
        } catch (ConfigException e) {
            List<ConfigException.Problem> problems = e.problems().stream()
                    .filter(p -> !(p.key().equals(TimeSeriesJobConfig.MODEL_BUNDLE.key())
                            || p.key().equals(TimeSeriesJobConfig.MODEL_ROUTES.key())) || p.value() == null)
                    .toList();
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
    }
}
