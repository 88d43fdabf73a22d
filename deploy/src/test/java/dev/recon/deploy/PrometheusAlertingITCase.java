package dev.recon.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recon.cli.LocalFlink;
import dev.recon.cli.demo.LocalPrometheus;
import dev.recon.cli.demo.MonitoringConfig;
import dev.recon.jobs.TimeSeriesJob;
import dev.recon.jobs.TimeSeriesJobConfig;
import dev.recon.kafka.embedded.EmbeddedKafkaBroker;
import dev.recon.model.testing.SyntheticSeries;
import dev.recon.trainer.testing.TestModels;
import dev.recon.operators.metrics.ReconMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * recon's metrics and alert rules against a real Prometheus (Debian package {@code prometheus};
 * skipped where it is not installed): the job runs in a MiniCluster with recon's reporter on
 * 127.0.0.1, readings with spikes go through a real Kafka broker, and a Prometheus on 127.0.0.1 with
 * the project's {@code prometheus.yml} (only its targets and intervals changed) and rule files
 * scrapes it. Through Prometheus' HTTP API the test sees recon's metrics, every metric the rules
 * use, and the anomaly alert go pending, then firing.
 *
 * <p>The rule files are the project's with one change: every {@code for:} is shortened to
 * {@value #PENDING_SECONDS} s, so that pending-then-firing takes seconds, not minutes.
 */
class PrometheusAlertingITCase {

    private static final Path ROOT = RepositoryFiles.root();
    private static final long PENDING_SECONDS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Pause between two readings of each sensor: the counters must be scraped before the spikes. */
    private static final long PACE_MS = 25;
    private static final long T0 = 1_700_000_000_000L;
    private static final long STEP_MS = 60_000L;
    private static final int WINDOW = 16;
    private static final int STRIDE = 4;
    private static final int READINGS = 400;
    private static final Map<String, int[]> SPIKES = new LinkedHashMap<>(Map.of(
            "pump-1", new int[] {100, 220},
            "pump-2", new int[] {160}));
    private static final Pattern METRIC = Pattern.compile("\\b((?:recon|flink)_[a-zA-Z0-9_]+)");
    /** Metrics the rules use that exist only with features this job does not use. */
    private static final Set<String> OPTIONAL = Set.of(
            ReconMetrics.ALARMS, // alarm.mode=onset-likelihood
            ReconMetrics.POOLED_STATISTICS_SENSORS); // per-sensor bundles scoring sensors they do not know

    @TempDir
    Path tmp;

    @Test
    void prometheusScrapesReconsMetricsAndTheAnomalyAlertGoesPendingThenFiring() throws Exception {
        Path binary = LocalPrometheus.binary("prometheus").orElse(null);
        assumeTrue(binary != null, "the prometheus binary is not installed (apt-get install prometheus)");

        int metricsPort = LocalPrometheus.freePort();
        int prometheusPort = LocalPrometheus.freePort();
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Set<String> referenced = new TreeSet<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/prometheus/rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                String text = Files.readString(file);
                Matcher m = METRIC.matcher(text);
                while (m.find()) {
                    referenced.add(m.group(1).replaceFirst("_(bucket|count|sum)$", ""));
                }
                Files.writeString(rules.resolve(file.getFileName()),
                        MonitoringConfig.shortenFor(text, Duration.ofSeconds(PENDING_SECONDS)));
            }
        }
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), MonitoringConfig.prometheus(
                Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml")),
                List.of("127.0.0.1:" + metricsPort), "127.0.0.1:" + prometheusPort, null,
                rules + "/*.yml", Duration.ofSeconds(1)));

        Path bundle = trainModel(tmp.resolve("model"));
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(tmp.resolve("kafka")).start();
                LocalPrometheus prometheus = LocalPrometheus.startPrometheus(binary, config, prometheusPort,
                        tmp.resolve("prometheus"))) {
            kafka.createTopics(Map.of("sensor-readings", 2, "anomalies", 1, "sensor-readings.dlq", 1,
                    "incidents", 1));
            TimeSeriesJobConfig settings = TimeSeriesJobConfig.of(Map.of(
                    TimeSeriesJobConfig.BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers(),
                    TimeSeriesJobConfig.MODEL_BUNDLE.key(), bundle.toString(),
                    TimeSeriesJobConfig.STARTING_OFFSETS.key(), "earliest",
                    TimeSeriesJobConfig.PARALLELISM.key(), "2",
                    TimeSeriesJobConfig.CHECKPOINT_INTERVAL_MS.key(), "1000",
                    TimeSeriesJobConfig.HOT_SWAP.key(), "false",
                    TimeSeriesJobConfig.JOB_NAME.key(), "prometheus-it",
                    // ReconAnomalyDetected pages on the sensors the threshold rule judges
                    TimeSeriesJobConfig.ALARM_MODE.key(), "threshold"));
            JobClient job = TimeSeriesJob.withKafka(settings)
                    .build(LocalFlink.environment(Integer.toString(metricsPort))).executeAsync();
            try {
                // The feed runs while the alerts are watched: alerts go pending seconds after the first spike.
                CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> produceReadings(kafka.bootstrapServers()));

                // The anomaly alert: pending first, then firing, for a sensor with spikes.
                // One alert per sensor: the states each went through, in order.
                Map<String, List<String>> states = new LinkedHashMap<>();
                JsonNode firing = null;
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (firing == null && System.nanoTime() < deadline) {
                    for (JsonNode alert : prometheus.alerts()) {
                        if (alert.path("labels").path("alertname").asText().equals("ReconAnomalyDetected")) {
                            String state = alert.path("state").asText();
                            List<String> seen = states.computeIfAbsent(alert.path("labels").path("sensor").asText(),
                                    k -> new ArrayList<>());
                            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
                                seen.add(state);
                            }
                            if (state.equals("firing") && firing == null) {
                                firing = alert;
                            }
                        }
                    }
                    Thread.sleep(200);
                }
                feed.get(60, TimeUnit.SECONDS);
                assertThat(firing).as("ReconAnomalyDetected firing within %s (states seen %s; targets %s; anomalies %s;"
                        + " Prometheus log: %s)", TIMEOUT, states, prometheus.get("/api/v1/targets").path("data"),
                        prometheus.query(ReconMetrics.ANOMALIES), prometheus.logTail()).isNotNull();
                assertThat(states.get(firing.path("labels").path("sensor").asText()))
                        .as("states of ReconAnomalyDetected (per sensor: %s)", states).containsExactly("pending", "firing");
                assertThat(firing.path("labels").path("sensor").asText()).isIn(SPIKES.keySet());
                assertThat(firing.path("labels").path("model").asText()).isEqualTo("prometheus-it");
                assertThat(firing.path("labels").path("severity").asText()).isEqualTo("info");
                assertThat(firing.path("annotations").path("summary").asText()).contains("Anomalies on sensor");

                // recon's metrics, with the labels docs/operations.md promises.
                awaitValue(prometheus, "sum(" + ReconMetrics.RECORDS_IN
                        + "{job_name=\"prometheus-it\",topic=\"sensor-readings\"})", READINGS * SPIKES.size());
                long expectedWindows = SPIKES.size() * ((READINGS - WINDOW) / STRIDE + 1);
                awaitValue(prometheus, "sum(" + ReconMetrics.WINDOWS_SCORED + ")", expectedWindows);
                assertThat(sum(prometheus, "sum(" + ReconMetrics.ANOMALIES + "{sensor=\"pump-1\"})")).isPositive();
                assertThat(sum(prometheus, "count(" + ReconMetrics.DEAD_LETTERS + ")")).as("a series per reason")
                        .isGreaterThanOrEqualTo(9);
                assertThat(sum(prometheus, "sum(" + ReconMetrics.SCORE_THRESHOLD_RATIO + "_count)")).isEqualTo(expectedWindows);
                assertThat(sum(prometheus, "sum(" + ReconMetrics.INFERENCE_LATENCY + "_count)")).isPositive();
                assertThat(sum(prometheus, "sum(" + ReconMetrics.INFERENCE_BATCH_SIZE + "_sum)")).isEqualTo(expectedWindows);
                assertThat(sum(prometheus, "sum(" + ReconMetrics.EVENT_TIME_LAG + "_count)")).isEqualTo(expectedWindows);
                assertThat(sum(prometheus, "sum(" + ReconMetrics.INCIDENTS + ")")).isPositive();
                assertThat(prometheus.query(ReconMetrics.MODEL_INFO)).isNotEmpty().allSatisfy(s -> assertThat(
                        s.path("metric").path(ReconMetrics.MODEL_VERSION).asText()).isNotEmpty());
                assertThat(prometheus.query("max(" + ReconMetrics.MODEL_THRESHOLD + ")")).isNotEmpty();

                // Every metric a rule refers to exists in the scrape: no rule watches a misspelt name.
                List<String> missing = new ArrayList<>();
                for (String metric : referenced) {
                    if (!OPTIONAL.contains(metric) && prometheus.query(
                            "count({__name__=~\"" + metric + "(_bucket|_count|_sum)?\"})").isEmpty()) {
                        missing.add(metric);
                    }
                }
                assertThat(missing).as("metrics used by the rules but absent from the scrape").isEmpty();
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static double sum(LocalPrometheus prometheus, String query) throws Exception {
        List<JsonNode> result = prometheus.query(query);
        assertThat(result).as("result of %s", query).isNotEmpty();
        return result.get(0).path("value").get(1).asDouble();
    }

    private static void awaitValue(LocalPrometheus prometheus, String query, double expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        double value = Double.NaN;
        while (System.nanoTime() < deadline) {
            List<JsonNode> result = prometheus.query(query);
            value = result.isEmpty() ? Double.NaN : result.get(0).path("value").get(1).asDouble();
            if (value == expected) {
                return;
            }
            Thread.sleep(500);
        }
        assertThat(value).as(query).isEqualTo(expected);
    }

    private static Path trainModel(Path out) throws Exception {
        return TestModels.trainOnSine(out, "prometheus-it", 1200, T0, STEP_MS, WINDOW, STRIDE);
    }

    private static void produceReadings(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Map<String, double[]> series = new LinkedHashMap<>();
        long seed = 100;
        for (Map.Entry<String, int[]> sensor : SPIKES.entrySet()) {
            series.put(sensor.getKey(), SyntheticSeries.withSpikes(SyntheticSeries.sine(READINGS, 48, seed++), 40,
                    sensor.getValue()));
        }
        // Paced, as a live feed: Prometheus scrapes each sensor's counters at 0 before its first spike (a
        // counter that first appears already above 0 does not show in increase()).
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < READINGS; i++) {
                for (Map.Entry<String, double[]> sensor : series.entrySet()) {
                    String json = "{\"sensorId\":\"" + sensor.getKey() + "\",\"ts\":" + (T0 + STEP_MS * i)
                            + ",\"value\":" + sensor.getValue()[i] + "}";
                    producer.send(new ProducerRecord<>("sensor-readings", sensor.getKey(),
                            json.getBytes(StandardCharsets.UTF_8)));
                }
                producer.flush();
                try {
                    Thread.sleep(PACE_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
