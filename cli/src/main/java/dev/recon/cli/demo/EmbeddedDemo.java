package dev.recon.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recon.cli.LocalFlink;
import dev.recon.cli.produce.CsvReplay;
import dev.recon.jobs.TimeSeriesJob;
import dev.recon.jobs.TimeSeriesJobConfig;
import dev.recon.jobs.config.Setting;
import dev.recon.kafka.embedded.EmbeddedKafkaBroker;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.TrainingSummary.EpochMetrics;
import dev.recon.operators.alarm.AlarmMode;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.trainer.TimeSeriesTrainer;
import dev.recon.trainer.TrainerConfig;
import dev.recon.trainer.TrainingProgress;
import dev.recon.trainer.data.TimeSeries;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;

/**
 * The whole pipeline on one machine: a real Kafka broker in this JVM, a model trained on the
 * series' leading part, the streaming job in Flink's local MiniCluster, a replay of the series,
 * each anomaly printed as it arrives, and a summary checked against the labelled windows.
 */
public final class EmbeddedDemo {

    /** Topic the replay writes to. */
    public static final String READINGS_TOPIC = "sensor-readings";
    /** Topic the job writes anomalies to. */
    public static final String ANOMALIES_TOPIC = "anomalies";
    /** Dead-letter topic. */
    public static final String DLQ_TOPIC = READINGS_TOPIC + ".dlq";
    /** Topic the job writes incidents to. */
    public static final String INCIDENTS_TOPIC = "incidents";
    /** Topic announcing new model bundles (the demo announces none, but the job listens). */
    public static final String MODEL_UPDATES_TOPIC = "model-updates";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /**
     * Settings of one demo run.
     *
     * @param sensorId the sensor id the series is replayed as
     * @param trainer training settings
     * @param rate replay rate in records per second ({@link CsvReplay#UNLIMITED} for no pacing)
     * @param workDir where the broker's log, the bundle and Flink's checkpoints go
     * @param timeout how long to wait for the job to process the whole series
     * @param quietPeriod event time without anomalies that closes an incident
     * @param withPrometheus whether to start Prometheus and Alertmanager (when installed) and print the alerts
     * @param alarm the job's alarm rule ({@code alarm.mode})
     */
    public record Settings(String sensorId, TrainerConfig trainer, double rate, Path workDir, Duration timeout,
            Duration quietPeriod, boolean withPrometheus, AlarmMode alarm) {}

    /**
     * What the demo saw.
     *
     * @param recordsIn records replayed into Kafka
     * @param counters the job's accumulators (readings parsed, windows scored, anomalies, dead letters)
     * @param events anomaly events read back from the anomalies topic
     * @param incidents incident events read back from the incidents topic
     * @param evaluation the events against the labels, or {@code null} without labels
     */
    public record Outcome(long recordsIn, Map<String, Long> counters, List<JsonNode> events,
            List<JsonNode> incidents, LabelledWindows.Evaluation evaluation) {}

    private final Settings settings;
    private final PrintStream out;

    /** A demo printing to {@code out}. */
    public EmbeddedDemo(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the demo; everything started is stopped before this returns. */
    public Outcome run(TimeSeries series, LabelledWindows labels) throws Exception {
        long started = System.nanoTime();
        step("starting a Kafka broker (KRaft, in this JVM)");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .dataDir(settings.workDir().resolve("kafka")).start()) {
            broker.createTopics(List.of(READINGS_TOPIC, ANOMALIES_TOPIC, DLQ_TOPIC, INCIDENTS_TOPIC, MODEL_UPDATES_TOPIC));
            out.printf("   broker at %s, topics %s, %s, %s%n", broker.bootstrapServers(), READINGS_TOPIC,
                    ANOMALIES_TOPIC, DLQ_TOPIC);

            Path bundle = settings.workDir().resolve("model");
            step("training a dense autoencoder on the first "
                    + Math.round(settings.trainer().trainFraction() * 100) + "% of " + series.source());
            // as recon train does by default: a series too short for the window gets the longest that fits
            BundleManifest manifest = new TimeSeriesTrainer(settings.trainer(), new EveryTenthEpoch(out))
                    .withWindowFitted().train(series, bundle).manifest();
            out.printf("   best epoch %d of %d, validation loss %.4f; threshold %.4f; bundle %s%n",
                    manifest.training().bestEpoch(), manifest.training().epochs(),
                    manifest.training().validationLoss(), manifest.threshold().value(), bundle);

            step("starting the streaming job in Flink's local MiniCluster");
            TimeSeriesJobConfig config = TimeSeriesJobConfig.of(Map.of(
                    TimeSeriesJobConfig.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                    TimeSeriesJobConfig.MODEL_BUNDLE.key(), bundle.toString(),
                    TimeSeriesJobConfig.CHECKPOINT_INTERVAL_MS.key(), "1000",
                    TimeSeriesJobConfig.JOB_NAME.key(), "recon-demo",
                    // Readings come every few minutes: an hour without anomalies ends an incident.
                    TimeSeriesJobConfig.QUIET_PERIOD_MS.key(), Long.toString(settings.quietPeriod().toMillis()),
                    TimeSeriesJobConfig.ALARM_MODE.key(), Setting.configName(settings.alarm())));
            int metricsPort = LocalPrometheus.freePort();
            JobClient job = TimeSeriesJob.withKafka(config)
                    .build(LocalFlink.environment(Integer.toString(metricsPort))).executeAsync();
            out.printf("   metrics at http://%s:%d/metrics%n", LocalFlink.METRICS_HOST, metricsPort);
            Optional<DemoMonitoring> monitoring = Optional.empty();
            try (TopicWatcher watcher = new TopicWatcher(broker.bootstrapServers(), ANOMALIES_TOPIC,
                    event -> printEvent(event, labels));
                    TopicWatcher incidents = new TopicWatcher(broker.bootstrapServers(), INCIDENTS_TOPIC,
                            this::printIncident)) {
                if (settings.withPrometheus()) {
                    step("starting Prometheus and Alertmanager (127.0.0.1)");
                    monitoring = DemoMonitoring.start(LocalFlink.METRICS_HOST + ":" + metricsPort, settings.workDir(), out);
                    if (monitoring.isPresent()) {
                        monitoring.get().awaitScraped(ReconMetrics.DEAD_LETTERS, Duration.ofSeconds(120));
                    }
                }
                step(String.format("replaying %d readings as sensor '%s'%s", series.size(), settings.sensorId(),
                        settings.rate() == CsvReplay.UNLIMITED ? "" : String.format(" at %.0f/s", settings.rate())));
                long sent = new CsvReplay(broker.bootstrapServers(), READINGS_TOPIC, settings.sensorId(),
                        settings.rate()).run(series, n -> { });
                long expectedWindows = Math.max(0, (sent - manifest.input().windowLength())
                        / manifest.input().stride() + 1);
                Map<String, Long> counters = awaitProcessed(job, watcher, sent, expectedWindows);
                List<JsonNode> events = watcher.events();
                LabelledWindows.Evaluation evaluation = labels == null ? null
                        : labels.evaluate(events.stream().map(e -> e.get("windowEnd").asLong()).toList());
                Outcome outcome = new Outcome(sent, counters, events, incidents.events(), evaluation);
                printSummary(outcome, (System.nanoTime() - started) / 1e9);
                if (monitoring.isPresent()) {
                    step("alerts");
                    monitoring.get().printAlerts(settings.alarm() == AlarmMode.THRESHOLD ? "ReconAnomalyDetected"
                            : "ReconAlarmRaised", !events.isEmpty(), Duration.ofSeconds(60), out);
                }
                return outcome;
            } finally {
                step("stopping the job" + (monitoring.isPresent() ? ", Prometheus, Alertmanager" : "") + " and the broker");
                try {
                    if (monitoring.isPresent()) {
                        monitoring.get().close();
                    }
                } finally {
                    job.cancel().get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /**
     * Waits until the job has parsed every record, scored every window of the (single) replayed
     * sensor, and every anomaly it counted has been read back. The job's accumulators travel with
     * TaskManager heartbeats, so this lags by about a second; the newest readings wait for the
     * watermark up to {@code event-time.max-hold-ms} before they are windowed.
     */
    private Map<String, Long> awaitProcessed(JobClient job, TopicWatcher watcher, long sent, long expectedWindows)
            throws Exception {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        Map<String, Long> counters = Map.of();
        while (System.nanoTime() < deadline) {
            counters = counters(job);
            long handled = counters.get("readings parsed") + counters.get("dead letters");
            if (handled >= sent && counters.get("windows scored") >= expectedWindows
                    && watcher.events().size() >= counters.get(eventsCounter())) {
                return counters;
            }
            if (watcher.failure() != null) {
                throw new IllegalStateException("reading the anomalies topic failed", watcher.failure());
            }
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                throw new IllegalStateException("the job ended unexpectedly: " + job.getJobStatus().get());
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("the job did not process all " + sent + " readings within "
                + settings.timeout().toSeconds() + " s (so far: " + counters + ")");
    }

    private Map<String, Long> counters(JobClient job) throws Exception {
        Map<String, Object> acc = job.getAccumulators().get(30, TimeUnit.SECONDS);
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("readings parsed", value(acc, ReconMetrics.READINGS_PARSED_ACCUMULATOR));
        counters.put("windows scored", value(acc, ReconMetrics.WINDOWS_SCORED_ACCUMULATOR));
        counters.put("over threshold", value(acc, ReconMetrics.ANOMALIES_ACCUMULATOR));
        if (settings.alarm() == AlarmMode.ONSET_LIKELIHOOD) {
            counters.put("alarms", value(acc, ReconMetrics.ALARMS_ACCUMULATOR));
        }
        counters.put("dead letters", value(acc, ReconMetrics.DEAD_LETTERS_ACCUMULATOR));
        return counters;
    }

    /** The counter of the windows that became anomaly events under the job's alarm rule. */
    private String eventsCounter() {
        return settings.alarm() == AlarmMode.THRESHOLD ? "over threshold" : "alarms";
    }

    private static long value(Map<String, Object> accumulators, String name) {
        Object v = accumulators.get(name);
        return v instanceof Number n ? n.longValue() : 0L;
    }

    private void printEvent(JsonNode e, LabelledWindows labels) {
        long end = e.get("windowEnd").asLong();
        String where = "";
        if (labels != null) {
            int k = indexOfWindow(labels, end);
            where = k < 0 ? "  (outside the labelled windows)" : "  (in labelled window " + (k + 1) + ")";
        }
        JsonNode alarm = e.get("alarm");
        String rule = alarm == null ? "" : alarm.path("newValue").asBoolean()
                ? String.format(", a value never seen before: anomaly score %.3f", alarm.get("score").asDouble())
                : String.format(", onset %.1f x likelihood %.3f: anomaly score %.3f", alarm.get("onset").asDouble(),
                        alarm.get("likelihood").asDouble(), alarm.get("score").asDouble());
        out.printf("   ANOMALY %s  %s  score %.4f = %.1f x threshold%s, peak at %s%s%n",
                TIME.format(Instant.ofEpochMilli(end)), e.get("sensorId").asText(), e.get("score").asDouble(),
                e.get("severity").asDouble(), rule, TIME.format(Instant.ofEpochMilli(e.get("peakTs").asLong())), where);
    }

    private void printIncident(JsonNode e) {
        boolean open = e.get("type").asText().equals("incident-open");
        out.printf("   INCIDENT %s %s  %s%s%n", open ? "OPEN  " : "CLOSED",
                TIME.format(Instant.ofEpochMilli(e.get(open ? "start" : "end").asLong())), e.get("sensorId").asText(),
                open ? "" : String.format("  (%s .. %s, %d anomalous windows, peak %.1f x threshold)",
                        TIME.format(Instant.ofEpochMilli(e.get("start").asLong())),
                        TIME.format(Instant.ofEpochMilli(e.get("end").asLong())), e.get("windows").asLong(),
                        e.get("peakSeverity").asDouble()));
    }

    private static int indexOfWindow(LabelledWindows labels, long ts) {
        for (int k = 0; k < labels.windows().size(); k++) {
            if (labels.windows().get(k).contains(ts)) {
                return k;
            }
        }
        return -1;
    }

    private void printSummary(Outcome o, double seconds) {
        out.println();
        out.println("summary");
        out.printf("   records in          %d%n", o.recordsIn());
        o.counters().forEach((k, v) -> out.printf("   %-19s %d%n", k, v));
        out.printf("   anomaly events out  %d (read back from '%s')%n", o.events().size(), ANOMALIES_TOPIC);
        out.printf("   incidents opened    %d (pages a person would get; '%s')%n",
                o.incidents().stream().filter(e -> e.get("type").asText().equals("incident-open")).count(),
                INCIDENTS_TOPIC);
        LabelledWindows.Evaluation e = o.evaluation();
        if (e != null) {
            out.printf("   labelled windows    %d of %d caught%n", e.caught(), e.windows().size());
            for (int k = 0; k < e.windows().size(); k++) {
                LabelledWindows.Window w = e.windows().get(k);
                Long first = e.firstAlarm().get(k);
                out.printf("     %d. %s .. %s  %s%n", k + 1, TIME.format(Instant.ofEpochMilli(w.start())),
                        TIME.format(Instant.ofEpochMilli(w.end())), first == null ? "missed"
                                : "caught, first alarm at " + TIME.format(Instant.ofEpochMilli(first)));
            }
            out.printf("   alarms outside      %d of %d anomalous windows fell outside the labelled windows%n",
                    e.alarmsOutside(), e.alarmsInside() + e.alarmsOutside());
        }
        out.printf("   took                %.0f s%n", seconds);
    }

    private void step(String what) {
        out.println("== " + what);
    }

    /** Prints every tenth epoch and the last: training takes seconds, the story is elsewhere. */
    private static final class EveryTenthEpoch implements TrainingProgress {
        private final PrintStream out;

        EveryTenthEpoch(PrintStream out) {
            this.out = out;
        }

        @Override
        public void started(String description) {
            out.println("   " + description);
        }

        @Override
        public void epoch(EpochMetrics m, int maxEpochs, boolean improved) {
            if (m.epoch() % 10 == 0 || m.epoch() == 1) {
                out.printf("   epoch %3d/%d  train loss %.4f  validation loss %.4f%n", m.epoch(), maxEpochs,
                        m.trainLoss(), m.validationLoss());
            }
        }
    }
}
