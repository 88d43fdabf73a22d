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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
import org.apache.kafka.common.TopicPartition;
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
 * heartbeat): the first one and the last one before every window was scored. Latency, at a fixed
 * offered rate, in two modes ({@link Mode}): <em>sparse</em>, the calibrated model on the normal signal
 * with a spike injected now and then ({@link SpikeSchedule}), as a production load with few events, and
 * <em>every window</em>, a model with threshold 0 so every window becomes an event, a stress case.
 * Each event is matched to the reading that completed its window; in sparse mode each spike is also
 * matched to the first event whose window contains it (detection latency, {@link SpikeDetections}).
 * Steady load: readings are sent at a fixed rate for as long as a caller's measurement runs (the
 * memory benchmark's).
 */
public final class EndToEndBenchmark {

    /** Throughput of one configuration. */
    public record Throughput(int parallelism, long readings, double seconds) {
        /** Readings per second. */
        public double rate() {
            return readings / seconds;
        }
    }

    /** What the job of a latency run flags. */
    public enum Mode {
        /** The calibrated model on the normal signal with injected spikes: few events, as in production. */
        SPARSE("sparse, injected anomalies"),
        /** The model with threshold 0: every window is an event (about 4x a quiet window's cost). */
        EVERY_WINDOW("every window an event");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        /** How the report and the console name the mode. */
        public String label() {
            return label;
        }
    }

    /**
     * Latency at one offered rate, in milliseconds, from the append of the reading that completed an
     * event's window to the event's append.
     *
     * @param mode what the job flagged
     * @param offeredRate readings per second sent
     * @param events measured events (windows completed after the warm-up)
     * @param detection the injected spikes' detection ({@link Mode#SPARSE}); {@code null} otherwise
     */
    public record Latency(Mode mode, double offeredRate, int events, double p50, double p95, double p99,
            Detection detection) {}

    /**
     * How the spikes injected after the warm-up were detected: latency in milliseconds from a spike's
     * append to the append of the first event whose window contains it (NaN when none was detected).
     *
     * @param spikes the injection schedule
     * @param injected spikes sent after the warm-up
     * @param detected of those, the ones some event covered
     * @param eventsWithoutSpike measured events whose window contains no injected spike (false alarms)
     */
    public record Detection(SpikeSchedule spikes, int injected, int detected, int eventsWithoutSpike, double p50,
            double p95, double p99) {}

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
    /** Event time of the first reading; reading {@code k} of a sensor is {@code k} seconds later. */
    private static final long T0 = 1_700_000_000_000L;
    private static final String SENSOR_PREFIX = "sensor-";
    /** Readings of a paced run are sent in bursts of about this long, then the sender sleeps. */
    private static final long SEND_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Path bundle;
    private final Path everyWindowBundle;
    private final int sensors;
    private final PrintStream out;
    private final Map<String, String> jobSettings;

    /**
     * A benchmark.
     *
     * @param bundle the model (its threshold decides which windows are events)
     * @param everyWindowBundle the same model with threshold 0, for the every-window latency
     * @param sensors how many sensors the readings are spread over
     */
    public EndToEndBenchmark(Path bundle, Path everyWindowBundle, int sensors, PrintStream out) {
        this(bundle, everyWindowBundle, sensors, out, Map.of());
    }

    private EndToEndBenchmark(Path bundle, Path everyWindowBundle, int sensors, PrintStream out,
            Map<String, String> jobSettings) {
        this.bundle = bundle;
        this.everyWindowBundle = everyWindowBundle;
        this.sensors = sensors;
        this.out = out;
        this.jobSettings = Map.copyOf(jobSettings);
    }

    /** The same benchmark with job settings on top of the defaults (to measure one's cost: {@code alarm.mode}). */
    public EndToEndBenchmark withJobSettings(Map<String, String> settings) {
        return new EndToEndBenchmark(bundle, everyWindowBundle, sensors, out, settings);
    }

    /** Trains the benchmark's model (recon's default window) on a normal series like the one {@link #send} produces. */
    public static Path train(Path target) throws Exception {
        return train(target, dev.recon.trainer.TrainerConfig.DEFAULT_WINDOW);
    }

    /** {@link #train(Path)} with windows of {@code window} readings. */
    public static Path train(Path target, int window) throws Exception {
        int n = 3000;
        long[] ts = new long[n];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            ts[i] = T0 + 1000L * i;
            rows[i] = new double[] {value(ts[i], i)};
        }
        dev.recon.trainer.TrainerConfig config = dev.recon.trainer.TrainerConfig.defaults("bench").withSplit(0.5, 0.2)
                .withOptimisation(1e-3, 32, 20, 5).withWindow(window, 1);
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
            send(broker, name + ".readings", i -> i < readings, 0, null, Long.MAX_VALUE, null);
            out.printf("  backlog of %,d readings written in %.1f s%n", readings, (System.nanoTime() - start) / 1e9);
            long expectedWindows = windows(readings, windowLength());
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
     * The sparse runs' spikes: one every {@code every} readings of a sensor ({@link SpikeSchedule#of}).
     *
     * @throws IllegalArgumentException if {@code every} is not more than the model's window length
     */
    public SpikeSchedule spikes(int every) throws Exception {
        int window = windowLength();
        if (every <= window) {
            throw new IllegalArgumentException("spikes must come more than a window (" + window
                    + " readings) apart so that no window holds two, got one every " + every + " readings");
        }
        return SpikeSchedule.of(every, window);
    }

    /**
     * Latency with the calibrated model while {@code spikes} (see {@link #spikes}) inject anomalies:
     * the event latency of every measured event, and each measured spike's detection latency. See
     * {@link #everyWindowLatency} for the warm-up.
     */
    public Latency sparseLatency(double rate, int seconds, int parallelism, SpikeSchedule spikes) throws Exception {
        return latency(Mode.SPARSE, rate, seconds, parallelism, Objects.requireNonNull(spikes, "spikes"));
    }

    /**
     * Sends readings at {@code rate} per second for {@code seconds} to a job whose model flags every
     * window and measures each event's latency. The first {@value #WARMUP_SECONDS} s of readings at the
     * same rate are not measured (in either mode): a freshly started job compiles its event path under
     * that load, and the backlog it builds meanwhile would otherwise be the tail of the distribution.
     */
    public Latency everyWindowLatency(double rate, int seconds, int parallelism) throws Exception {
        return latency(Mode.EVERY_WINDOW, rate, seconds, parallelism, null);
    }

    private Latency latency(Mode mode, double rate, int seconds, int parallelism, SpikeSchedule spikes)
            throws Exception {
        try (EmbeddedKafkaBroker broker = broker()) {
            String name = "latency-" + mode.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-"
                    + (long) rate;
            createTopics(broker, name, parallelism);
            Path model = mode == Mode.SPARSE ? bundle : everyWindowBundle;
            Map<String, String> settings = settings(broker, name, model, parallelism);
            if (mode == Mode.EVERY_WINDOW) {
                // the default alarm pages once per episode; the stress case wants every window's event
                settings.put("alarm.mode", "threshold");
            }
            JobClient job = TimeSeriesJob.withKafka(TimeSeriesJobConfig.of(settings))
                    .build(LocalFlink.environment()).executeAsync();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(broker, name + ".anomalies")) {
                TimeUnit.SECONDS.sleep(3); // let the job start before the clock runs
                long warmup = (long) (rate * WARMUP_SECONDS);
                long total = warmup + (long) (rate * seconds);
                // append times of the measured readings only, 8 bytes each (0: not known)
                long[] appended = new long[Math.toIntExact(total - warmup)];
                send(broker, name + ".readings", i -> i < total, rate, spikes, warmup, appended);
                SpikeDetections detections = new SpikeDetections();
                if (spikes != null) {
                    for (long i = 0; i < total; i++) {
                        int s = (int) (i % sensors);
                        if (spikes.isSpike(s, i / sensors)) {
                            long in = i >= warmup ? appended[(int) (i - warmup)] : 0;
                            detections.spike(SENSOR_PREFIX + s, ts(i), in, in != 0);
                        }
                    }
                }
                int window = windowLength();
                // every window: each measured reading that completes a window (a sensor's first window - 1
                // readings complete none) is an event; sparse: no count to wait for, see below
                long expected = mode == Mode.EVERY_WINDOW
                        ? Math.max(0, total - Math.max(warmup, (long) (window - 1) * sensors)) : Long.MAX_VALUE;
                long windows = windows(total, window);
                Samples latencies = new Samples();
                int withoutSpike = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                TopicPartition events = new TopicPartition(name + ".anomalies", 0);
                boolean allScored = false;
                long end = -1;
                long endSince = 0;
                long nextCheck = 0;
                while (latencies.size() < expected && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        JsonNode e = JSON.readTree(r.value());
                        String sensor = e.get("sensorId").asText();
                        long windowEnd = e.get("windowEnd").asLong();
                        long in = appendedAt(appended, warmup, sensor, windowEnd);
                        if (in != 0) {
                            latencies.add(r.timestamp() - in);
                        }
                        boolean spikeEvent = detections.event(sensor, e.get("windowStart").asLong(), windowEnd,
                                r.timestamp());
                        if (in != 0 && !spikeEvent) {
                            withoutSpike++;
                        }
                    }
                    long now = System.nanoTime();
                    if (now < nextCheck) {
                        continue;
                    }
                    nextCheck = now + TimeUnit.MILLISECONDS.toNanos(250);
                    // Without a count of events to expect, the run is over once the job has scored every
                    // window (reported with heartbeats, a second apart), the events topic has not grown for
                    // a second since, and all of it was read. An empty poll proves nothing: on a busy
                    // machine a fetch can take longer than the poll waits.
                    if (!allScored) {
                        Map<String, Object> acc = job.getAccumulators().get(30, TimeUnit.SECONDS);
                        allScored = (acc.get(ReconMetrics.WINDOWS_SCORED_ACCUMULATOR) instanceof Long n ? n : 0)
                                >= windows;
                        continue;
                    }
                    long latest = consumer.endOffsets(List.of(events)).get(events);
                    if (latest != end) {
                        end = latest;
                        endSince = now;
                    } else if (now - endSince > TimeUnit.SECONDS.toNanos(1) && consumer.position(events) >= end) {
                        break;
                    }
                }
                double[] sorted = latencies.sorted();
                if (sorted.length == 0) {
                    throw new IllegalStateException("no events arrived"
                            + (spikes == null ? "" : ": the model flagged none of the " + detections.injected()
                                    + " measured spikes (+" + spikes.offset() + " every " + spikes.every()
                                    + " readings of a sensor)"));
                }
                Detection detection = null;
                if (spikes != null) {
                    double[] d = detections.latencies();
                    detection = new Detection(spikes, detections.injected(), d.length, withoutSpike,
                            percentile(d, 0.5), percentile(d, 0.95), percentile(d, 0.99));
                }
                return new Latency(mode, rate, sorted.length, percentile(sorted, 0.5), percentile(sorted, 0.95),
                        percentile(sorted, 0.99), detection);
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
                Future<?> sends = sender.submit(() -> {
                    send(broker, name + ".readings", i -> {
                        sent.set(i);
                        return sending.get();
                    }, rate, null, Long.MAX_VALUE, null);
                    return null;
                });
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

    /** The {@code q} quantile (nearest rank) of ascending values; NaN when there are none. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    /** The model's window length. */
    public int windowLength() throws Exception {
        return ModelBundle.load(bundle).manifest().input().windowLength();
    }

    /** Windows of {@code window} readings the job cuts from the first {@code total} readings. */
    private long windows(long total, int window) {
        long windows = 0;
        for (int s = 0; s < sensors; s++) {
            long perSensor = total / sensors + (s < total % sensors ? 1 : 0);
            windows += Math.max(0, perSensor - window + 1);
        }
        return windows;
    }

    /** Event time of reading {@code i} (round-robin over the sensors, one round per second). */
    private long ts(long i) {
        return T0 + 1000L * (i / sensors);
    }

    /** The append time of {@code sensor}'s reading at {@code ts} if it was measured, else 0. */
    private long appendedAt(long[] appended, long from, String sensor, long ts) {
        if (!sensor.startsWith(SENSOR_PREFIX) || (ts - T0) % 1000 != 0) {
            return 0;
        }
        long i;
        try {
            i = (ts - T0) / 1000 * sensors + Integer.parseInt(sensor.substring(SENSOR_PREFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
        return i >= from && i - from < appended.length ? appended[(int) (i - from)] : 0;
    }

    /** A growing list of latencies without a box per value (an every-window run has a million). */
    private static final class Samples {
        private double[] values = new double[1024];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        double[] sorted() {
            double[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    private static EmbeddedKafkaBroker broker() {
        // Broker append times on every topic: a reading's and its event's arrival times come from one clock.
        return EmbeddedKafkaBroker.builder().brokerProperty("log.message.timestamp.type", "LogAppendTime").start();
    }

    private static void createTopics(EmbeddedKafkaBroker broker, String name, int partitions) {
        broker.createTopics(Map.of(name + ".readings", partitions, name + ".anomalies", 1, name + ".readings.dlq", 1,
                name + ".incidents", 1, name + ".model-updates", 1));
    }

    private TimeSeriesJobConfig config(EmbeddedKafkaBroker broker, String name, Path model, int parallelism) {
        return TimeSeriesJobConfig.of(settings(broker, name, model, parallelism));
    }

    /** The job's settings: every default (the bundle's alarm included) but the topics and event-time bounds. */
    private Map<String, String> settings(EmbeddedKafkaBroker broker, String name, Path model,
            int parallelism) {
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
        settings.putAll(jobSettings);
        return settings;
    }

    /**
     * Sends readings round-robin over the sensors while {@code more} accepts the next reading's index
     * (rate 0: as fast as possible), with the spikes of {@code spikes} (null: none), and writes the broker
     * append time of reading {@code recordFrom + j} to {@code appended[j]} (null: none kept). The
     * array is complete once this returns: closing the producer waits for its callbacks.
     */
    private void send(EmbeddedKafkaBroker broker, String topic, LongPredicate more, double rate, SpikeSchedule spikes,
            long recordFrom, long[] appended) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, rate == 0 ? 20 : 1);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        long start = System.nanoTime();
        String[] ids = new String[sensors];
        for (int s = 0; s < sensors; s++) {
            ids[s] = SENSOR_PREFIX + s;
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
                long k = i / sensors;
                long ts = ts(i);
                double value = value(ts, k);
                if (spikes != null) {
                    value = spikes.value(s, k, value);
                }
                byte[] json = ("{\"sensorId\":\"" + ids[s] + "\",\"ts\":" + ts + ",\"value\":" + value + "}")
                        .getBytes(StandardCharsets.UTF_8);
                int slot = appended != null && i >= recordFrom && i - recordFrom < appended.length
                        ? (int) (i - recordFrom) : -1;
                producer.send(new ProducerRecord<>(topic, ids[s], json), (meta, e) -> {
                    if (e == null && slot >= 0) {
                        appended[slot] = meta.timestamp();
                    }
                });
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedKafkaBroker broker, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        // the topic's one partition, assigned: no consumer group to join, so no polls that return
        // nothing while a group rebalances
        c.assign(List.of(new TopicPartition(topic, 0)));
        return c;
    }
}
