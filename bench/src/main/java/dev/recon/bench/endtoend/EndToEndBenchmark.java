package dev.recon.bench.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.cli.LocalFlink;
import dev.recon.jobs.TimeSeriesJob;
import dev.recon.jobs.TimeSeriesJobConfig;
import dev.recon.kafka.embedded.EmbeddedKafkaBroker;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.operators.metrics.ReconMetrics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Readings per second through Kafka -> the time-series job in a local MiniCluster -> Kafka, and the
 * latency from a reading's arrival in Kafka to its event's arrival in Kafka (both broker append
 * times), with a real broker in this JVM.
 *
 * <p>Throughput: a backlog of readings is written first, then the job drains it; the rate is the
 * readings scored between two reports of the job's scored-window count (they come with each
 * heartbeat): the first one and the last one before every window was scored. Latency: readings are sent at a
 * fixed rate to a job whose model has threshold 0, so every window becomes an event that can be
 * matched to the reading that completed it. Steady load: readings are sent at a fixed rate for as
 * long as a caller's measurement runs (the memory benchmark's).
 */
public final class EndToEndBenchmark {

    /** Throughput of one configuration. */
    public record Throughput(int parallelism, long readings, double seconds) {
        /** Readings per second. */
        public double rate() {
            return readings / seconds;
        }
    }

    /** Latency at one offered rate, in milliseconds. */
    public record Latency(double offeredRate, int events, double p50, double p95, double p99) {}

    /**
     * What a steady run did.
     *
     * @param rate offered readings per second
     * @param parallelism the job's parallelism
     * @param readings readings sent
     * @param windowsScored windows the job had scored when the measurement ended
     * @param seconds how long readings were sent
     */
    public record SteadyRun(double rate, int parallelism, long readings, long windowsScored, double seconds) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seconds of readings sent before a latency measurement starts. */
    public static final int WARMUP_SECONDS = 10;
    /** Readings of a paced run are sent in bursts of about this long, then the sender sleeps. */
    private static final long SEND_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Path bundle;
    private final Path everyWindowBundle;
    private final int sensors;
    private final PrintStream out;

    /**
     * A benchmark.
     *
     * @param bundle the model (its threshold decides which windows are events)
     * @param everyWindowBundle the same model with threshold 0, for latency
     * @param sensors how many sensors the readings are spread over
     */
    public EndToEndBenchmark(Path bundle, Path everyWindowBundle, int sensors, PrintStream out) {
        this.bundle = bundle;
        this.everyWindowBundle = everyWindowBundle;
        this.sensors = sensors;
        this.out = out;
    }

    /** Trains the benchmark's model on a normal series like the one {@link #send} produces. */
    public static Path train(Path target) throws Exception {
        int n = 3000;
        long[] ts = new long[n];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            ts[i] = 1_700_000_000_000L + 1000L * i;
            rows[i] = new double[] {value(ts[i], i)};
        }
        dev.recon.trainer.TrainerConfig config = dev.recon.trainer.TrainerConfig.defaults("bench").withSplit(0.5, 0.2)
                .withOptimisation(1e-3, 32, 20, 5);
        new dev.recon.trainer.TimeSeriesTrainer(config, dev.recon.trainer.TrainingProgress.SILENT).train(
                new dev.recon.trainer.data.TimeSeries("synthetic", List.of("value"), ts, rows, null), target);
        return target;
    }

    private static double value(long ts, long i) {
        return 50 + 10 * Math.sin(ts / 60_000.0) + (i % 7) * 0.01;
    }

    /** Writes a copy of {@code bundle} whose threshold is 0 to {@code target}. */
    public static Path everyWindow(Path bundle, Path target) throws Exception {
        ModelBundle loaded = ModelBundle.load(bundle);
        BundleManifest m = loaded.manifest();
        try (LoadedModel model = loaded.open()) {
            ModelBundle.save(target, m.withThreshold(m.threshold().withValue(0, "latency benchmark: every window")),
                    model.djlModel().getBlock());
        }
        return target;
    }

    /** Drains a backlog of {@code readings} readings with the given parallelism. */
    public Throughput throughput(int parallelism, long readings) throws Exception {
        try (EmbeddedKafkaBroker broker = broker()) {
            String name = "throughput-p" + parallelism;
            createTopics(broker, name, parallelism);
            long start = System.nanoTime();
            send(broker, name + ".readings", i -> i < readings, 0, Long.MAX_VALUE);
            out.printf("  backlog of %,d readings written in %.1f s%n", readings, (System.nanoTime() - start) / 1e9);
            int window = ModelBundle.load(bundle).manifest().input().windowLength();
            long expectedWindows = (readings / sensors - window + 1) * sensors;
            JobClient job = TimeSeriesJob.withKafka(config(broker, name, bundle, parallelism))
                    .build(LocalFlink.environment()).executeAsync();
            try {
                long submitted = System.nanoTime();
                long firstSeen = 0;
                long firstCount = 0;
                long lastSeen = 0;
                long lastCount = 0;
                while (true) {
                    Map<String, Object> acc = job.getAccumulators().get(30, TimeUnit.SECONDS);
                    long scored = acc.get(ReconMetrics.WINDOWS_SCORED_ACCUMULATOR) instanceof Long n ? n : 0;
                    long now = System.nanoTime();
                    if (scored > 0 && firstSeen == 0) {
                        // The clock starts once the job runs (start-up is not throughput); accumulators arrive
                        // with heartbeats, so the windows already scored then are not counted either.
                        firstSeen = now;
                        firstCount = scored;
                    }
                    if (scored >= expectedWindows) {
                        // The job finished somewhere after the previous report (heartbeats are a second apart):
                        // the clock stops at that report, so the idle rest of the interval does not count,
                        // unless the backlog took no full interval.
                        boolean busyReport = lastSeen > firstSeen;
                        double seconds = ((busyReport ? lastSeen : now) - firstSeen) / 1e9;
                        long counted = (long) ((double) ((busyReport ? lastCount : scored) - firstCount) / scored
                                * readings);
                        return new Throughput(parallelism, counted, seconds);
                    }
                    if (scored > lastCount) {
                        lastSeen = now;
                        lastCount = scored;
                    }
                    if (System.nanoTime() - submitted > TimeUnit.MINUTES.toNanos(10)) {
                        throw new IllegalStateException("job did not drain the backlog in 10 minutes: " + acc);
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Sends readings at {@code rate} per second for {@code seconds} and measures each event's latency.
     * The first {@value #WARMUP_SECONDS} s of readings at the same rate are not measured: a freshly
     * started job compiles its event path under that load, and the backlog it builds meanwhile would
     * otherwise be the tail of the distribution.
     */
    public Latency latency(double rate, int seconds, int parallelism) throws Exception {
        try (EmbeddedKafkaBroker broker = broker()) {
            String name = "latency-" + (long) rate;
            createTopics(broker, name, parallelism);
            JobClient job = TimeSeriesJob.withKafka(config(broker, name, everyWindowBundle, parallelism))
                    .build(LocalFlink.environment()).executeAsync();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(broker, name + ".anomalies")) {
                TimeUnit.SECONDS.sleep(3); // let the job start before the clock runs
                long warmup = (long) (rate * WARMUP_SECONDS);
                long total = warmup + (long) (rate * seconds);
                Map<String, Long> appended = send(broker, name + ".readings", i -> i < total, rate, warmup);
                List<Double> latencies = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                int window = ModelBundle.load(bundle).manifest().input().windowLength();
                // measured readings that complete a window (a sensor's first window - 1 readings complete none)
                long expected = Math.max(0, total - Math.max(warmup, (long) (window - 1) * sensors));
                while (latencies.size() < expected && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        JsonNode e = JSON.readTree(r.value());
                        Long in = appended.get(e.get("sensorId").asText() + "@" + e.get("windowEnd").asLong());
                        if (in != null) {
                            latencies.add((double) (r.timestamp() - in));
                        }
                    }
                }
                double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                if (sorted.length == 0) {
                    throw new IllegalStateException("no events arrived");
                }
                return new Latency(rate, sorted.length, percentile(sorted, 0.5), percentile(sorted, 0.95),
                        percentile(sorted, 0.99));
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Sends readings at {@code rate} per second to the job (the bundle with its calibrated threshold)
     * while {@code measurement} runs on the calling thread, then checks that the job kept running and
     * scoring. The readings' append times are not kept, so the sender's own memory stays flat.
     */
    public SteadyRun steady(double rate, int parallelism, Callable<?> measurement) throws Exception {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("steady rate must be > 0 readings/s, got " + rate);
        }
        try (EmbeddedKafkaBroker broker = broker()) {
            String name = "steady-" + (long) rate;
            createTopics(broker, name, parallelism);
            JobClient job = TimeSeriesJob.withKafka(config(broker, name, bundle, parallelism))
                    .build(LocalFlink.environment()).executeAsync();
            ExecutorService sender = Executors.newSingleThreadExecutor();
            try {
                TimeUnit.SECONDS.sleep(3); // let the job start before the load does
                AtomicBoolean sending = new AtomicBoolean(true);
                AtomicLong sent = new AtomicLong();
                long start = System.nanoTime();
                Future<?> sends = sender.submit(() -> send(broker, name + ".readings", i -> {
                    sent.set(i);
                    return sending.get();
                }, rate, Long.MAX_VALUE));
                try {
                    measurement.call();
                } finally {
                    sending.set(false);
                }
                sends.get(30, TimeUnit.SECONDS);
                double seconds = (System.nanoTime() - start) / 1e9;
                JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
                Map<String, Object> acc = job.getAccumulators().get(30, TimeUnit.SECONDS);
                long scored = acc.get(ReconMetrics.WINDOWS_SCORED_ACCUMULATOR) instanceof Long n ? n : 0;
                if (status != JobStatus.RUNNING || scored == 0) {
                    throw new IllegalStateException("the job stopped scoring during the steady run (status " + status
                            + ", " + scored + " windows scored): the measurement is void");
                }
                return new SteadyRun(rate, parallelism, sent.get(), scored, seconds);
            } finally {
                sender.shutdownNow();
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static EmbeddedKafkaBroker broker() {
        // Broker append times on every topic: a reading's and its event's arrival times come from one clock.
        return EmbeddedKafkaBroker.builder().brokerProperty("log.message.timestamp.type", "LogAppendTime").start();
    }

    private static void createTopics(EmbeddedKafkaBroker broker, String name, int partitions) {
        broker.createTopics(Map.of(name + ".readings", partitions, name + ".anomalies", 1, name + ".readings.dlq", 1,
                name + ".incidents", 1, name + ".model-updates", 1));
    }

    private static TimeSeriesJobConfig config(EmbeddedKafkaBroker broker, String name, Path model, int parallelism) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap-servers", broker.bootstrapServers());
        settings.put("topic.readings", name + ".readings");
        settings.put("topic.anomalies", name + ".anomalies");
        settings.put("topic.incidents", name + ".incidents");
        settings.put("topic.model-updates", name + ".model-updates");
        settings.put("kafka.group-id", name);
        settings.put("kafka.starting-offsets", "earliest");
        settings.put("model.bundle", model.toString());
        settings.put("parallelism", Integer.toString(parallelism));
        settings.put("job.name", name);
        // event time within 10 ms: the readings are in order; the default 1 s would be all the latency
        settings.put("event-time.max-out-of-orderness-ms", "10");
        settings.put("event-time.watermark-interval-ms", "20");
        return TimeSeriesJobConfig.of(settings);
    }

    /**
     * Sends readings round-robin over the sensors while {@code more} accepts the next reading's index
     * (rate 0: as fast as possible) and returns the broker append time, by {@code sensor@ts}, of each
     * reading from index {@code recordFrom} on (null for {@code Long.MAX_VALUE}: none).
     */
    private Map<String, Long> send(EmbeddedKafkaBroker broker, String topic, LongPredicate more, double rate,
            long recordFrom) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, rate == 0 ? 20 : 1);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        Map<String, Long> appended = recordFrom < Long.MAX_VALUE ? new java.util.concurrent.ConcurrentHashMap<>() : null;
        long t0 = 1_700_000_000_000L;
        long start = System.nanoTime();
        String[] ids = new String[sensors];
        for (int s = 0; s < sensors; s++) {
            ids[s] = "sensor-" + s;
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; more.test(i); i++) {
                if (rate > 0) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    // Sleep only once a millisecond's worth is due: a sleep per reading would cost the
                    // sender several microseconds of CPU each, at tens of thousands per second, on the
                    // cores the job is measured on.
                    if (wait > SEND_SLEEP_NANOS) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                int s = (int) (i % sensors);
                long ts = t0 + 1000L * (i / sensors);
                double value = value(ts, i / sensors);
                byte[] json = ("{\"sensorId\":\"" + ids[s] + "\",\"ts\":" + ts + ",\"value\":" + value + "}")
                        .getBytes(StandardCharsets.UTF_8);
                String key = i >= recordFrom ? ids[s] + "@" + ts : null;
                producer.send(new ProducerRecord<>(topic, ids[s], json), (meta, e) -> {
                    if (e == null && key != null) {
                        appended.put(key, meta.timestamp());
                    }
                });
            }
            producer.flush();
        }
        return appended;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedKafkaBroker broker, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(topic));
        return c;
    }
}
