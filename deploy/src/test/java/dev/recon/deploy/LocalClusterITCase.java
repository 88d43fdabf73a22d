package dev.recon.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.recon.cli.ReconCli;
import dev.recon.cli.cluster.FlinkRestClient;
import dev.recon.model.testing.SyntheticSeries;
import dev.recon.trainer.testing.TestModels;
import dev.recon.operators.events.AnomalyEventJson;
import dev.recon.operators.types.AnomalyEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local deployment end to end: {@code deploy/local/start.sh} starts a Kafka broker process and a
 * Flink standalone cluster (JobManager and TaskManager JVMs, plus Prometheus and Alertmanager when
 * installed); {@code recon run --cluster} submits the job jar with a freshly trained model; readings
 * with spikes go through the broker process; the anomalies come back; the job is cancelled and
 * {@code deploy/local/stop.sh} leaves no process behind.
 */
class LocalClusterITCase {

    private static final Path ROOT = RepositoryFiles.root();
    private static final Path JOB_JAR = ROOT.resolve("deploy/target/job/recon-jobs-job.jar");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final long T0 = 1_700_000_000_000L;
    private static final long STEP_MS = 60_000L;
    private static final int WINDOW = 16;
    private static final int STRIDE = 4;
    private static final int READINGS = 400;
    private static final Map<String, int[]> SPIKES = new LinkedHashMap<>(Map.of(
            "pump-1", new int[] {100, 220},
            "pump-2", new int[] {160}));
    private static final Pattern JOB_ID = Pattern.compile("job id ([0-9a-f]{32})");

    @TempDir
    static Path tmp;

    private static Path workdir;
    /** Pids read from the pid files right after start-up: what must be gone at the end. */
    private static final List<Long> started = new ArrayList<>();

    @Test
    void submitsToTheLocalClusterAndReportsAnomaliesFromTheBrokerProcess() throws Exception {
        workdir = tmp.resolve("cluster");
        int kafkaPort = freePort();
        int restPort = freePort();
        Result start = script("start.sh", "--workdir", workdir.toString(), "--kafka-port", Integer.toString(kafkaPort),
                "--rest-port", Integer.toString(restPort), "--prometheus-port", "0", "--alertmanager-port", "0",
                "--jobmanager-metrics-port", "0", "--taskmanager-metrics-port", "0");
        rememberPids();
        assertThat(start.status()).as("start.sh output:%n%s", start.output()).isZero();
        Map<String, String> endpoints = endpoints();
        assertThat(endpoints).containsEntry("FLINK_REST", "127.0.0.1:" + restPort)
                .containsEntry("KAFKA_BOOTSTRAP", "127.0.0.1:" + kafkaPort);
        assertThat(started).as("pids of kafka, jobmanager and taskmanager").hasSizeGreaterThanOrEqualTo(3);

        Path bundle = trainModel(tmp.resolve("model"));
        Path config = Files.writeString(tmp.resolve("job.properties"), String.join("\n",
                "kafka.bootstrap-servers=" + endpoints.get("KAFKA_BOOTSTRAP"),
                "kafka.starting-offsets=earliest",
                "kafka.group-id=local-cluster-it",
                "parallelism=2",
                "checkpoint.interval-ms=1000",
                "job.name=local-cluster-it"));
        String submitted = cli("run", "--config", config.toString(), "--set", "model.bundle=" + bundle,
                "--cluster", endpoints.get("FLINK_REST"), "--job-jar", JOB_JAR.toString());
        Matcher id = JOB_ID.matcher(submitted);
        assertThat(id.find()).as("a job id in: %s", submitted).isTrue();
        String jobId = id.group(1);

        FlinkRestClient flink = new FlinkRestClient(endpoints.get("FLINK_REST"));
        try {
            produceReadings(endpoints.get("KAFKA_BOOTSTRAP"));
            List<AnomalyEvent> events = awaitAnomalies(endpoints.get("KAFKA_BOOTSTRAP"), flink, jobId);
            for (Map.Entry<String, int[]> sensor : SPIKES.entrySet()) {
                for (int spike : sensor.getValue()) {
                    assertThat(events).as("an event of %s covering its spike at %d", sensor.getKey(), spike)
                            .anySatisfy(e -> {
                                assertThat(e.sensorId()).isEqualTo(sensor.getKey());
                                assertThat(e.covers(ts(spike))).isTrue();
                            });
                }
            }
            assertThat(events).allSatisfy(e -> assertThat(e.model()).isEqualTo("local-cluster-it"));
        } finally {
            flink.cancel(jobId);
        }
        awaitState(flink, jobId, "CANCELED");

        Result stop = script("stop.sh", "--workdir", workdir.toString());
        assertThat(stop.status()).as("stop.sh output:%n%s", stop.output()).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (started.stream().anyMatch(LocalClusterITCase::alive) && System.nanoTime() < deadline) {
            Thread.sleep(100); // a process that has just exited may not be reaped yet
        }
        assertThat(started).as("processes still alive after stop.sh").noneMatch(LocalClusterITCase::alive);
        try (Stream<Path> pidFiles = Files.list(workdir.resolve("run"))) {
            assertThat(pidFiles.filter(p -> p.toString().endsWith(".pid"))).as("pid files left").isEmpty();
        }
    }

    /** Whatever happened above: stop the cluster, then kill anything of it that is still alive. */
    @AfterAll
    static void stopEverything() throws Exception {
        if (workdir == null) {
            return;
        }
        rememberPids();
        if (started.stream().anyMatch(LocalClusterITCase::alive)) {
            script("stop.sh", "--workdir", workdir.toString(), "--timeout", "10");
        }
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        }
    }

    // -- the model and the data --------------------------------------------------------------------

    private static Path trainModel(Path out) throws Exception {
        return TestModels.trainOnSine(out, "local-cluster-it", 1200, T0, STEP_MS, WINDOW, STRIDE);
    }

    private static void produceReadings(String bootstrap) {
        Map<String, double[]> series = new LinkedHashMap<>();
        long seed = 100;
        for (Map.Entry<String, int[]> sensor : SPIKES.entrySet()) {
            series.put(sensor.getKey(), SyntheticSeries.withSpikes(
                    SyntheticSeries.sine(READINGS, 48, seed++), 40, sensor.getValue()));
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < READINGS; i++) {
                for (Map.Entry<String, double[]> sensor : series.entrySet()) {
                    String json = "{\"sensorId\":\"" + sensor.getKey() + "\",\"ts\":" + ts(i)
                            + ",\"value\":" + sensor.getValue()[i] + "}";
                    producer.send(new ProducerRecord<>("sensor-readings", sensor.getKey(),
                            json.getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
    }

    private static List<AnomalyEvent> awaitAnomalies(String bootstrap, FlinkRestClient flink, String jobId)
            throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<AnomalyEvent> events = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor("anomalies", Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition("anomalies", info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> events.add(AnomalyEventJson.decode(r.value())));
                if (everySpikeCovered(events)) {
                    return events;
                }
                String state = flink.jobState(jobId);
                if (!state.equals("RUNNING") && !state.equals("CREATED") && !state.equals("INITIALIZING")) {
                    fail("job " + jobId + " is " + state + " before every spike was reported; events so far "
                            + events + "; TaskManager log: " + tail(workdir.resolve("log/taskmanager.log")));
                }
            }
        }
        return fail("not every spike was reported within " + TIMEOUT + "; events: " + events
                + "; TaskManager log: " + tail(workdir.resolve("log/taskmanager.log")));
    }

    private static boolean everySpikeCovered(List<AnomalyEvent> events) {
        return SPIKES.entrySet().stream().allMatch(sensor -> Arrays.stream(sensor.getValue())
                .allMatch(spike -> events.stream()
                        .anyMatch(e -> e.sensorId().equals(sensor.getKey()) && e.covers(ts(spike)))));
    }

    private static void awaitState(FlinkRestClient flink, String jobId, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String state = flink.jobState(jobId);
        while (!state.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            state = flink.jobState(jobId);
        }
        assertThat(state).as("state of job %s", jobId).isEqualTo(expected);
    }

    private static long ts(int i) {
        return T0 + STEP_MS * i;
    }

    // -- processes ---------------------------------------------------------------------------------

    private record Result(int status, String output) {}

    private static Result script(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("deploy/local").resolve(name).toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, name, ".log");
        Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(name + " did not finish within 3 minutes; output: " + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    private static String cli(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            status = ReconCli.run(args);
        } finally {
            System.setOut(oldOut);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as("recon %s; printed: %s", String.join(" ", args), printed).isZero();
        return printed;
    }

    private static synchronized void rememberPids() throws IOException {
        Path run = workdir.resolve("run");
        if (!Files.isDirectory(run)) {
            return;
        }
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                long pid = Long.parseLong(Files.readString(file).strip());
                if (!started.contains(pid)) {
                    started.add(pid);
                }
            }
        }
    }

    /** Alive and not a zombie (an exited process its new parent, init, has not reaped yet). */
    private static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    private static Map<String, String> endpoints() throws IOException {
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String line : Files.readAllLines(workdir.resolve("endpoints.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                endpoints.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return endpoints;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
