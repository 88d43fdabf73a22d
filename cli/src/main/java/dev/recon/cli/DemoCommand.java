package dev.recon.cli;

import dev.recon.cli.demo.EmbeddedDemo;
import dev.recon.cli.demo.LabelledWindows;
import dev.recon.cli.produce.CsvReplay;
import dev.recon.jobs.config.Setting;
import dev.recon.operators.alarm.AlarmMode;
import dev.recon.trainer.TrainerConfig;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Option;

/** {@code recon demo}: the whole pipeline, embedded, on a bundled NAB series. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run recon end to end on this machine: start a Kafka broker (KRaft, 127.0.0.1, free port) in this"
                    + " JVM, train a model on the first 15%% of a series, run the streaming job in Flink's local"
                    + " MiniCluster, replay the series into Kafka, print each anomaly as it is detected, and"
                    + " summarise what was caught. Everything started is stopped at the end.",
            "Without --data it uses the bundled NAB series ec2_request_latency_system_failure.csv and its labels."
        },
        sortOptions = false)
final class DemoCommand implements Callable<Integer> {

    static final String SAMPLE = "samples/nab/ec2_request_latency_system_failure.csv";
    static final String SAMPLE_LABELS = "samples/nab/combined_windows.json";

    @Option(names = "--data", paramLabel = "FILE.csv", description = "Another series to use (CSV, as for train).")
    Path data;

    @Option(names = "--labels", paramLabel = "FILE.json",
            description = "Labelled anomaly windows for --data, in NAB's combined_windows.json format.")
    Path labels;

    @Option(names = "--sensor-id", defaultValue = "ec2-instance-1", description = "Sensor id of the replay (default: ${DEFAULT-VALUE}).")
    String sensorId;

    @Option(names = "--window", defaultValue = "" + TrainerConfig.DEFAULT_WINDOW,
            description = "Window length, shortened to the longest the series' training and validation parts hold, as"
                    + " recon train does by default (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--rate", defaultValue = "1000", description = "Replay rate in records per second; 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", defaultValue = "" + TrainerConfig.DEFAULT_SEED, description = "Training seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds to wait for the job to process the series (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--quiet-period", defaultValue = "60",
            description = "Minutes of event time without anomalies that close an incident (default: ${DEFAULT-VALUE}).")
    long quietMinutes;

    @Option(names = "--with-prometheus",
            description = "Also start Prometheus and Alertmanager (Debian packages prometheus, prometheus-alertmanager;"
                    + " 127.0.0.1, free ports, data in the work directory) with recon's rules, and print the alerts"
                    + " that fired at the end.")
    boolean withPrometheus;

    @Option(names = "--alarm", defaultValue = "onset-likelihood", converter = AlarmModeConverter.class,
            description = "The job's alarm rule (alarm.mode): onset-likelihood (the job's default: a window whose anomaly"
                    + " score reaches the bundle's alarm level, the first window of an episode unusual for the sensor;"
                    + " docs/streaming.md) or threshold (every window over the model's threshold is an event)"
                    + " (default: ${DEFAULT-VALUE}).")
    AlarmMode alarm;

    @Option(names = "--work-dir", description = "Where to keep the broker log, model and checkpoints (default: a temporary directory, deleted at the end).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        if (labels != null && data == null) {
            throw new IllegalArgumentException("--labels needs --data");
        }
        boolean temporary = workDir == null;
        Path dir = temporary ? Files.createTempDirectory("recon-demo-") : Files.createDirectories(workDir);
        try {
            Path series = data != null ? data : extract(SAMPLE, dir);
            LabelledWindows windows = null;
            if (labels != null) {
                try (InputStream in = Files.newInputStream(labels)) {
                    windows = LabelledWindows.read(in, series.getFileName().toString());
                }
            } else if (data == null) {
                try (InputStream in = resource(SAMPLE_LABELS)) {
                    windows = LabelledWindows.read(in, series.getFileName().toString());
                }
            }
            TimeSeries ts = TimeSeriesCsv.read(series);
            TrainerConfig trainer = TrainerConfig.defaults(TrainCommand.defaultName(series))
                    .withWindow(window, 1).withSeed(seed);
            EmbeddedDemo.Settings settings = new EmbeddedDemo.Settings(sensorId, trainer,
                    rate <= 0 ? CsvReplay.UNLIMITED : rate, dir, Duration.ofSeconds(timeoutSeconds),
                    Duration.ofMinutes(quietMinutes), withPrometheus, alarm);
            new EmbeddedDemo(settings, System.out).run(ts, windows);
            return 0;
        } finally {
            if (temporary) {
                deleteRecursively(dir);
            }
        }
    }

    private static Path extract(String resource, Path dir) throws IOException {
        Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = resource(resource)) {
            Files.copy(in, target);
        }
        return target;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("the sample " + name + " is missing from the recon jar; rebuild with mvn install");
        }
        return in;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Reads {@code --alarm} as the job's {@code alarm.mode} writes it. */
    static final class AlarmModeConverter implements ITypeConverter<AlarmMode> {
        @Override
        public AlarmMode convert(String value) {
            return Arrays.stream(AlarmMode.values()).filter(m -> Setting.configName(m).equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("expected one of " + Arrays.stream(AlarmMode.values())
                            .map(Setting::configName).collect(Collectors.joining(", ")) + ", got '" + value + "'"));
        }
    }
}
