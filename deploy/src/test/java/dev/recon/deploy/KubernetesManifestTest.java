package dev.recon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.jobs.TimeSeriesJob;
import dev.recon.jobs.TimeSeriesJobConfig;
import dev.recon.jobs.config.Setting;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Structural checks of {@code deploy/k8s}: the FlinkDeployment has what the operator and the job
 * need, its Flink settings are those of {@code deploy/flink-conf/config.yaml}, every job setting it
 * passes is a key of {@link TimeSeriesJobConfig}, and names agree across the manifests.
 */
class KubernetesManifestTest {

    private static final Path ROOT = RepositoryFiles.root();
    private static final Path K8S = ROOT.resolve("deploy/k8s");

    private static Map<String, Object> deployment;
    private static Map<String, Object> spec;
    private static Map<String, Object> configMap;
    private static Map<String, String> flinkConfiguration;

    @BeforeAll
    static void load() throws IOException {
        for (Map<String, Object> document : Yaml.loadAll(K8S.resolve("timeseries-job.yaml"))) {
            switch (String.valueOf(document.get("kind"))) {
                case "FlinkDeployment" -> deployment = document;
                case "ConfigMap" -> configMap = document;
                default -> throw new IllegalArgumentException("unexpected kind " + document.get("kind"));
            }
        }
        assertThat(deployment).as("a FlinkDeployment in timeseries-job.yaml").isNotNull();
        spec = Yaml.map(deployment, "spec");
        flinkConfiguration = new LinkedHashMap<>();
        Yaml.map(spec, "flinkConfiguration").forEach((k, v) -> flinkConfiguration.put(k, String.valueOf(v)));
    }

    @Test
    void isAFlinkDeploymentOfThePinnedFlinkVersionAndImage() {
        assertThat(deployment).containsEntry("apiVersion", "flink.apache.org/v1beta1");
        String flinkVersion = System.getProperty("flink.version", "2.2.0");
        String[] parts = flinkVersion.split("\\.");
        assertThat(spec).containsEntry("flinkVersion", "v" + parts[0] + "_" + parts[1]);
        String image = (String) spec.get("image");
        assertThat(image).matches(".+:[0-9][\\w.-]*").doesNotEndWith(":latest");
        assertThat(spec).containsKey("serviceAccount");
    }

    @Test
    void runsTheJobJarTheImageHolds() throws IOException {
        Map<String, Object> job = Yaml.map(spec, "job");
        assertThat(job).containsEntry("entryClass", TimeSeriesJob.class.getName())
                .containsEntry("upgradeMode", "savepoint");
        String jar = (String) job.get("jarURI");
        assertThat(jar).startsWith("local://");
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains(" " + jar.substring("local://".length()));
    }

    @Test
    void usesTheSharedFlinkSettings() throws IOException {
        Map<String, String> shared = new LinkedHashMap<>();
        Yaml.load(ROOT.resolve("deploy/flink-conf/config.yaml")).forEach((k, v) -> shared.put(k, String.valueOf(v)));
        for (Map.Entry<String, String> setting : shared.entrySet()) {
            String key = setting.getKey();
            if (key.endsWith("memory.process.size") || key.equals("env.java.default-opts.all")) {
                continue; // from the resources below; the operator sets the JVM options of its Flink version
            }
            assertThat(flinkConfiguration).as("flinkConfiguration vs deploy/flink-conf/config.yaml")
                    .containsEntry(key, setting.getValue());
        }
        assertThat(memory("taskManager")).isEqualTo(shared.get("taskmanager.memory.process.size"));
        assertThat(memory("jobManager")).isEqualTo(shared.get("jobmanager.memory.process.size"));
    }

    @Test
    void setsResourcesStorageHighAvailabilityAndParallelism() throws IOException {
        for (String role : List.of("jobManager", "taskManager")) {
            assertThat(Yaml.map(Yaml.map(spec, role), "resource")).as(role).containsKeys("memory", "cpu");
        }
        assertThat(flinkConfiguration).containsKeys("execution.checkpointing.dir",
                "execution.checkpointing.savepoint-dir", "high-availability.storageDir");
        assertThat(flinkConfiguration).containsEntry("high-availability.type", "kubernetes");
        Object parallelism = Yaml.map(spec, "job").get("parallelism");
        assertThat(String.valueOf(parallelism)).isEqualTo(jobSettings().get(TimeSeriesJobConfig.PARALLELISM.key()));
    }

    @Test
    void exportsMetricsWherePrometheusLooks() throws IOException {
        String port = flinkConfiguration.get("metrics.reporter.prom.port");
        assertThat(flinkConfiguration).containsKey("metrics.reporter.prom.factory.class");
        Map<String, Object> podTemplate = Yaml.map(spec, "podTemplate");
        assertThat(Yaml.map(Yaml.map(podTemplate, "metadata"), "annotations"))
                .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/port", port);
        Map<String, Object> container = mainContainer();
        assertThat(Yaml.list(container, "ports")).anySatisfy(p -> assertThat(asMap(p))
                .containsEntry("name", "metrics").containsEntry("containerPort", Integer.parseInt(port)));
        Map<String, Object> podMonitor = Yaml.load(K8S.resolve("podmonitor.yaml"));
        Map<String, Object> matchLabels = Yaml.map(Yaml.map(Yaml.map(podMonitor, "spec"), "selector"), "matchLabels");
        assertThat(Yaml.map(Yaml.map(podTemplate, "metadata"), "labels")).containsAllEntriesOf(matchLabels);
        assertThat(Yaml.list(Yaml.map(podMonitor, "spec"), "podMetricsEndpoints"))
                .anySatisfy(e -> assertThat(asMap(e)).containsEntry("port", "metrics"));
    }

    @Test
    void passesOnlySettingsTheJobKnows() throws IOException {
        Set<String> known = TimeSeriesJobConfig.SETTINGS.settings().stream().map(Setting::key)
                .collect(Collectors.toSet());
        Map<String, String> all = new LinkedHashMap<>(jobSettings());
        all.putAll(kafkaSettings());
        assertThat(all.keySet()).allSatisfy(key -> assertThat(
                known.contains(key) || key.startsWith(TimeSeriesJobConfig.KAFKA_CLIENT_PREFIX))
                .as("%s is a setting of the time-series job (docs/configuration.md)", key).isTrue());
        assertThat(all).containsKeys(TimeSeriesJobConfig.BOOTSTRAP_SERVERS.key(), TimeSeriesJobConfig.MODEL_BUNDLE.key());
        assertThat(kafkaSettings()).as("security comes from the Secret")
                .containsKeys("kafka.client.security.protocol", "kafka.client.sasl.jaas.config",
                        "kafka.client.ssl.truststore.location");
        assertThat(jobSettings()).doesNotContainKey("kafka.client.sasl.jaas.config");
    }

    @Test
    void mountsEveryFileTheJobReads() throws IOException {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object mount : Yaml.list(mainContainer(), "volumeMounts")) {
            mounts.put((String) asMap(mount).get("mountPath"), (String) asMap(mount).get("name"));
        }
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        for (Object volume : Yaml.list(Yaml.map(Yaml.map(spec, "podTemplate"), "spec"), "volumes")) {
            volumes.put((String) asMap(volume).get("name"), asMap(volume));
        }
        assertThat(volumes.keySet()).containsAll(mounts.values());

        List<Object> args = Yaml.list(Yaml.map(spec, "job"), "args");
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals("--config")) {
                String file = args.get(i + 1).toString();
                assertThat(mounts.keySet()).as("a mount holding %s", file).anyMatch(m -> file.startsWith(m + "/"));
            }
        }
        String bundle = jobSettings().get(TimeSeriesJobConfig.MODEL_BUNDLE.key());
        assertThat(mounts).as("the volume holding %s", bundle)
                .anySatisfy((path, name) -> assertThat(bundle.startsWith(path + "/") && name.equals("models")).isTrue());
        String truststore = kafkaSettings().get("kafka.client.ssl.truststore.location");
        assertThat(mounts.keySet()).anyMatch(m -> truststore.startsWith(m + "/"));

        assertThat(Yaml.at(volumes.get("settings"), "configMap", "name")).isEqualTo(Yaml.at(configMap, "metadata", "name"));
        assertThat(Yaml.at(volumes.get("kafka-client"), "secret", "secretName"))
                .isEqualTo(Yaml.at(Yaml.load(K8S.resolve("kafka-client-secret.example.yaml")), "metadata", "name"));
        assertThat(Yaml.at(volumes.get("models"), "persistentVolumeClaim", "claimName"))
                .isEqualTo(Yaml.at(Yaml.load(K8S.resolve("models-pvc.yaml")), "metadata", "name"));
    }

    @Test
    void theKustomizationListsFilesThatExist() throws IOException {
        List<Object> resources = Yaml.list(Yaml.load(K8S.resolve("kustomization.yaml")), "resources");
        assertThat(resources).isNotEmpty().allSatisfy(r -> assertThat(K8S.resolve(r.toString())).exists());
    }

    private static String memory(String role) {
        return String.valueOf(Yaml.at(Yaml.map(spec, role), "resource", "memory"));
    }

    private static Map<String, Object> mainContainer() {
        return Yaml.list(Yaml.map(Yaml.map(spec, "podTemplate"), "spec"), "containers").stream()
                .map(KubernetesManifestTest::asMap)
                .filter(c -> "flink-main-container".equals(c.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no flink-main-container in the pod template"));
    }

    private static Map<String, String> jobSettings() throws IOException {
        return properties(String.valueOf(Yaml.at(configMap, "data", "job.properties")));
    }

    private static Map<String, String> kafkaSettings() throws IOException {
        return properties(String.valueOf(Yaml.at(Yaml.load(K8S.resolve("kafka-client-secret.example.yaml")),
                "stringData", "kafka.properties")));
    }

    private static Map<String, String> properties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        return node instanceof Map ? (Map<String, Object>) node : Map.of();
    }
}
