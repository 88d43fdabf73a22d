package dev.recon.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Prometheus and Alertmanager for {@code recon demo --with-prometheus}: the project's configuration
 * (packed in the CLI jar from {@code deploy/}) on 127.0.0.1 and free ports, data in the demo's work
 * directory, scraping the demo's metrics endpoint. The rules are the project's with every {@code for:}
 * shortened to {@value #PENDING_SECONDS} s, so alerts fire within a demo's minute, and their annotations
 * saying so ({@link MonitoringConfig#shortenFor}). {@link #close()} stops both.
 */
public final class DemoMonitoring implements AutoCloseable {

    /** Pending time of every alert in the demo. */
    public static final long PENDING_SECONDS = 10;
    private static final String RESOURCES = "monitoring/";
    /** Rule files packed in the CLI jar (deploy/prometheus/rules). */
    private static final List<String> RULE_FILES = List.of("prometheus/rules/recon.yml");

    private final LocalPrometheus alertmanager;
    private final LocalPrometheus prometheus;

    private DemoMonitoring(LocalPrometheus alertmanager, LocalPrometheus prometheus) {
        this.alertmanager = alertmanager;
        this.prometheus = prometheus;
    }

    /**
     * Starts Alertmanager and Prometheus if both are installed; otherwise prints why not and returns empty.
     *
     * @param metricsTarget host:port of the job's metrics endpoint
     */
    public static Optional<DemoMonitoring> start(String metricsTarget, Path workDir, PrintStream out) throws Exception {
        Optional<Path> prometheusBinary = LocalPrometheus.binary("prometheus");
        Optional<Path> alertmanagerBinary = LocalPrometheus.binary("prometheus-alertmanager", "alertmanager");
        if (prometheusBinary.isEmpty() || alertmanagerBinary.isEmpty()) {
            out.println("   Prometheus and Alertmanager are not both installed (apt-get install prometheus"
                    + " prometheus-alertmanager): going on without them");
            return Optional.empty();
        }
        Path dir = Files.createDirectories(workDir.resolve("monitoring"));
        Path rules = Files.createDirectories(dir.resolve("rules"));
        for (String file : RULE_FILES) {
            Files.writeString(rules.resolve(Path.of(file).getFileName().toString()),
                    MonitoringConfig.shortenFor(resource(file), Duration.ofSeconds(PENDING_SECONDS)));
        }
        Path alertmanagerConfig = Files.writeString(dir.resolve("alertmanager.yml"), resource("alertmanager/alertmanager.yml"));
        int alertmanagerPort = LocalPrometheus.freePort();
        LocalPrometheus alertmanager = LocalPrometheus.startAlertmanager(alertmanagerBinary.get(), alertmanagerConfig,
                alertmanagerPort, dir.resolve("alertmanager"));
        try {
            int prometheusPort = LocalPrometheus.freePort();
            Path config = Files.writeString(dir.resolve("prometheus.yml"), MonitoringConfig.prometheus(
                    resource("prometheus/prometheus.yml"), List.of(metricsTarget), "127.0.0.1:" + prometheusPort,
                    "127.0.0.1:" + alertmanagerPort, rules + "/*.yml", Duration.ofSeconds(1)));
            LocalPrometheus prometheus = LocalPrometheus.startPrometheus(prometheusBinary.get(), config, prometheusPort,
                    dir.resolve("prometheus"));
            out.printf("   Prometheus at %s (alert rules with for: %d s), Alertmanager at %s%n", prometheus.url(),
                    PENDING_SECONDS, alertmanager.url());
            return Optional.of(new DemoMonitoring(alertmanager, prometheus));
        } catch (Exception e) {
            alertmanager.close();
            throw e;
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DemoMonitoring.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException(RESOURCES + name + " is missing from the recon jar; rebuild with mvn install");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Waits until Prometheus has scraped {@code metric} from the running job (at most {@code timeout}), so
     * that counters are seen at 0 before the data arrives: {@code increase()} cannot count the first
     * increments of a series it has never seen.
     */
    public void awaitScraped(String metric, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!prometheus.query("count(" + metric + ")").isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Prometheus did not scrape " + metric + " from the job within " + timeout
                + "; its log: " + prometheus.logTail());
    }

    /**
     * Waits up to {@code timeout} for {@code alertName} to fire (when it is expected), then prints every
     * alert Prometheus has pending or firing and those Alertmanager received.
     */
    public void printAlerts(String alertName, boolean expected, Duration timeout, PrintStream out) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (expected && System.nanoTime() < deadline && prometheus.alerts().stream().noneMatch(a ->
                a.path("labels").path("alertname").asText().equals(alertName) && a.path("state").asText().equals("firing"))) {
            Thread.sleep(1000);
        }
        List<JsonNode> alerts = prometheus.alerts();
        out.printf("   Prometheus alerts: %d%n", alerts.size());
        for (JsonNode a : alerts) {
            out.printf("     %-8s %-26s severity=%-8s %s%n", a.path("state").asText(), a.path("labels").path("alertname").asText(),
                    a.path("labels").path("severity").asText(), a.path("annotations").path("summary").asText());
        }
        JsonNode received = alertmanager.get("/api/v2/alerts");
        out.printf("   Alertmanager received: %d%n", received.size());
        for (JsonNode a : received) {
            out.printf("     %-26s severity=%-8s %s%n", a.path("labels").path("alertname").asText(),
                    a.path("labels").path("severity").asText(), a.path("status").path("state").asText());
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            prometheus.close();
        } finally {
            alertmanager.close();
        }
    }
}
