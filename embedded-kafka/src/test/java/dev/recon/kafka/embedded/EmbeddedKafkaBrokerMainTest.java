package dev.recon.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerMainTest {

    @Test
    void parsesOptions() {
        EmbeddedKafkaBrokerMain.Options o = EmbeddedKafkaBrokerMain.Options.parse(
                "--data-dir", "/tmp/k", "--port", "19092", "--topic", "sensor-readings:4", "--topic", "anomalies",
                "--property", "log.retention.hours=2");
        assertThat(o.dataDir).isEqualTo(Path.of("/tmp/k"));
        assertThat(o.port).isEqualTo(19092);
        assertThat(o.topics).containsExactly(Map.entry("sensor-readings", 4), Map.entry("anomalies", 1));
        assertThat(o.properties).containsExactly(Map.entry("log.retention.hours", "2"));

        EmbeddedKafkaBrokerMain.Options defaults = EmbeddedKafkaBrokerMain.Options.parse();
        assertThat(defaults.dataDir).isNull();
        assertThat(defaults.port).isZero();
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> EmbeddedKafkaBrokerMain.Options.parse("--port")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> EmbeddedKafkaBrokerMain.Options.parse("--port", "x")).hasMessageContaining("number");
        assertThatThrownBy(() -> EmbeddedKafkaBrokerMain.Options.parse("--port", "70000")).hasMessageContaining("range");
        assertThatThrownBy(() -> EmbeddedKafkaBrokerMain.Options.parse("--topic", "t:0")).hasMessageContaining("PARTITIONS");
        assertThatThrownBy(() -> EmbeddedKafkaBrokerMain.Options.parse("--bogus")).hasMessageContaining("--bogus");
    }

    /** What the deploy scripts do: start it as a child process, read the bootstrap line, use it, kill it. */
    @Test
    void runsAsAChildProcessUntilKilled(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("kafka");
        Path stderr = tmp.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java,
                "-cp", System.getProperty("java.class.path"),
                "-Xmx512m",
                "-Dlog4j2.configurationFile=log4j2-test.properties",
                EmbeddedKafkaBrokerMain.class.getName(),
                "--data-dir", dataDir.toString(),
                "--topic", "sensor-readings:2")
                .redirectError(stderr.toFile())
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(line).as("first stdout line; stderr: %s", readQuietly(stderr)).matches("bootstrap=127\\.0\\.0\\.1:\\d+");

            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, line.substring("bootstrap=".length()));
            try (Admin admin = Admin.create(props)) {
                TopicDescription topic = admin.describeTopics(List.of("sensor-readings")).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get("sensor-readings");
                assertThat(topic.partitions()).hasSize(2);
            }
        } finally {
            process.destroy(); // SIGTERM: the shutdown hook closes the broker
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(process.exitValue()).as("exit code; stderr: %s", readQuietly(stderr)).isIn(0, 143);
        // A caller-given data directory outlives the process.
        assertThat(dataDir.resolve("meta.properties")).exists();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "(unreadable: " + e + ")";
        }
    }
}
