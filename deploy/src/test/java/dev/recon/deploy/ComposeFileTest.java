package dev.recon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Structural checks of {@code docker-compose.yml} and the {@code Dockerfile} (there is no Docker
 * engine to run them here): the services are there, images are pinned, mounted files exist, ports
 * agree with the Prometheus, Alertmanager and Grafana configuration, and start-up is ordered.
 */
class ComposeFileTest {

    private static final Path ROOT = RepositoryFiles.root();
    private static final List<String> SERVICES = List.of("kafka", "kafka-init", "jobmanager", "taskmanager",
            "trainer", "submitter", "producer", "prometheus", "alertmanager", "grafana");
    /** Services that keep running, so need a health check for depends_on conditions. */
    private static final List<String> LONG_RUNNING = List.of("kafka", "jobmanager", "taskmanager", "prometheus",
            "alertmanager", "grafana");
    private static final Pattern HOST_PORT = Pattern.compile("([a-z][a-z0-9-]*):(\\d+)");

    private static Map<String, Object> services;

    @BeforeAll
    static void load() throws IOException {
        services = Yaml.map(Yaml.load(ROOT.resolve("docker-compose.yml")), "services");
    }

    @Test
    void hasEveryServiceOfTheStack() {
        assertThat(services.keySet()).containsAll(SERVICES);
    }

    @Test
    void pinsEveryImageToAVersion() {
        services.forEach((name, definition) -> {
            Map<String, Object> service = asMap(definition);
            String image = (String) service.get("image");
            assertThat(image).as("image of service %s", name).isNotNull();
            assertPinned("service " + name, image);
        });
    }

    @Test
    void pinsTheDockerfileBaseImages() throws IOException {
        List<String> from = Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
                .filter(l -> l.startsWith("FROM ")).map(l -> l.split("\\s+")[1]).toList();
        assertThat(from).as("FROM lines of the Dockerfile").isNotEmpty();
        from.forEach(image -> assertPinned("Dockerfile", image));
        assertThat(from).anyMatch(image -> image.startsWith("flink:2.2"));
    }

    @Test
    void mountsAndCopiesOnlyFilesThatExistInTheRepository() throws IOException {
        List<String> missing = new ArrayList<>();
        services.forEach((name, definition) -> {
            for (Object volume : Yaml.list(asMap(definition), "volumes")) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    if (!Files.exists(ROOT.resolve(source).normalize())) {
                        missing.add(name + ": " + source);
                    }
                }
            }
        });
        for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
            if (line.startsWith("COPY ") && !line.contains("--from=")) {
                String[] parts = line.split("\\s+");
                for (int i = 1; i < parts.length - 1; i++) {
                    if (!Files.exists(ROOT.resolve(parts[i]))) {
                        missing.add("Dockerfile: " + parts[i]);
                    }
                }
            }
        }
        assertThat(missing).as("mounted or copied paths missing from the repository").isEmpty();
    }

    @Test
    void mountsTheSameConfigurationFilesTheLocalScriptsUse() throws IOException {
        String start = Files.readString(ROOT.resolve("deploy/local/start.sh"));
        assertThat(start).contains("deploy/prometheus/prometheus.yml", "deploy/prometheus/rules/",
                "deploy/alertmanager/alertmanager.yml", "deploy/flink-conf/config.yaml");
        assertThat(Yaml.list(asMap(services.get("prometheus")), "volumes")).contains(
                "./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "./deploy/prometheus/rules:/etc/prometheus/rules:ro");
        assertThat(Yaml.list(asMap(services.get("alertmanager")), "volumes"))
                .contains("./deploy/alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro");
        assertThat(Files.readString(ROOT.resolve("Dockerfile")))
                .contains("COPY deploy/flink-conf/config.yaml /opt/flink/conf/config.yaml");
    }

    @Test
    void prometheusScrapesAndAlertsWhereTheServicesListen() throws IOException {
        Map<String, Object> prometheus = Yaml.load(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        Map<String, Integer> ports = listeningPorts();
        List<String> targets = new ArrayList<>();
        for (Object job : Yaml.list(prometheus, "scrape_configs")) {
            for (Object config : Yaml.list(asMap(job), "static_configs")) {
                Yaml.list(asMap(config), "targets").forEach(t -> targets.add(t.toString()));
            }
        }
        for (Object alerting : Yaml.list(asMap(prometheus.get("alerting")), "alertmanagers")) {
            for (Object config : Yaml.list(asMap(alerting), "static_configs")) {
                Yaml.list(asMap(config), "targets").forEach(t -> targets.add(t.toString()));
            }
        }
        assertThat(targets).contains("jobmanager:9249", "taskmanager:9249", "alertmanager:9093", "prometheus:9090");
        for (String target : targets) {
            Matcher m = HOST_PORT.matcher(target);
            assertThat(m.matches()).as("target %s is service:port", target).isTrue();
            assertThat(services).as("service of target %s", target).containsKey(m.group(1));
            assertThat(ports).as("port %s listens on (from its configuration)", m.group(1))
                    .containsEntry(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertThat(prometheus.get("rule_files").toString()).contains("/etc/prometheus/rules/");
    }

    @Test
    void grafanaReadsFromThePrometheusService() throws IOException {
        Map<String, Object> datasources = Yaml.load(ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"));
        assertThat(Yaml.list(datasources, "datasources")).singleElement()
                .satisfies(ds -> assertThat(asMap(ds)).containsEntry("url", "http://prometheus:9090"));
        Map<String, Object> dashboards = Yaml.load(ROOT.resolve("deploy/grafana/provisioning/dashboards/recon.yml"));
        Object path = Yaml.at(asMap(Yaml.list(dashboards, "providers").get(0)), "options", "path");
        assertThat(Yaml.list(asMap(services.get("grafana")), "volumes"))
                .contains("./deploy/grafana/dashboards:" + path + ":ro");
    }

    @Test
    void publishesPortsOnLoopbackOnly() {
        services.forEach((name, definition) -> {
            for (Object port : Yaml.list(asMap(definition), "ports")) {
                assertThat(port.toString()).as("published port of %s", name).startsWith("127.0.0.1:");
            }
        });
    }

    @Test
    void startsInOrderWithHealthChecks() {
        for (String name : LONG_RUNNING) {
            assertThat(asMap(services.get(name))).as("service %s", name).containsKey("healthcheck");
        }
        services.forEach((name, definition) -> {
            Map<String, Object> dependsOn = Yaml.map(asMap(definition), "depends_on");
            dependsOn.forEach((dependency, condition) -> {
                assertThat(services).as("%s depends on %s", name, dependency).containsKey(dependency);
                String wanted = (String) asMap(condition).get("condition");
                assertThat(wanted).as("condition of %s on %s", name, dependency)
                        .isEqualTo(LONG_RUNNING.contains(dependency) ? "service_healthy" : "service_completed_successfully");
            });
        });
        assertThat(Yaml.map(asMap(services.get("submitter")), "depends_on"))
                .containsKeys("kafka-init", "trainer", "taskmanager");
    }

    @Test
    void theSubmitterRunsTheJobWithTheSharedJobSettings() {
        List<Object> command = Yaml.list(asMap(services.get("submitter")), "command");
        assertThat(command).containsSubsequence("recon", "run", "--config", "--cluster", "jobmanager:8081");
        assertThat(Yaml.list(asMap(services.get("submitter")), "volumes"))
                .anyMatch(v -> v.toString().startsWith("./config/timeseries.properties:"));
    }

    /** The port each service listens on, from its own configuration. */
    private static Map<String, Integer> listeningPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        String flink = String.valueOf(Yaml.at(asMap(services.get("jobmanager")), "environment", "FLINK_PROPERTIES"));
        Matcher reporter = Pattern.compile("metrics\\.reporter\\.prom\\.port:\\s*(\\d+)").matcher(flink);
        if (reporter.find()) {
            ports.put("jobmanager", Integer.parseInt(reporter.group(1)));
        }
        String tm = String.valueOf(Yaml.at(asMap(services.get("taskmanager")), "environment", "FLINK_PROPERTIES"));
        Matcher tmReporter = Pattern.compile("metrics\\.reporter\\.prom\\.port:\\s*(\\d+)").matcher(tm);
        if (tmReporter.find()) {
            ports.put("taskmanager", Integer.parseInt(tmReporter.group(1)));
        }
        ports.put("prometheus", publishedContainerPort("prometheus"));
        ports.put("alertmanager", publishedContainerPort("alertmanager"));
        return ports;
    }

    private static int publishedContainerPort(String service) {
        String port = Yaml.list(asMap(services.get(service)), "ports").get(0).toString();
        return Integer.parseInt(port.substring(port.lastIndexOf(':') + 1));
    }

    private static void assertPinned(String where, String image) {
        int colon = image.lastIndexOf(':');
        assertThat(colon).as("%s: image %s has a tag", where, image).isGreaterThan(image.lastIndexOf('/'));
        String tag = image.substring(colon + 1);
        assertThat(tag).as("%s: tag of %s", where, image).isNotEqualTo("latest").matches(".*\\d.*|local");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        return node instanceof Map ? (Map<String, Object>) node : Map.of();
    }
}
