package dev.recon.jobs;

import static dev.recon.jobs.JobAssertions.awaitOrFail;
import static dev.recon.jobs.TopicReader.header;
import static dev.recon.jobs.TopicWriter.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recon.jobs.kafka.DeadLetterHeaders;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.testing.TestBundles;
import dev.recon.model.window.GapPolicy;
import dev.recon.model.window.GridSeries;
import dev.recon.model.window.ResampleSpec;
import dev.recon.model.window.SlidingWindowBuffer;
import dev.recon.operators.events.AnomalyEventJson;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.AnomalyEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests of the time-series job's event-time windowing with a real Kafka broker and a
 * Flink MiniCluster (parallelism 2): a three-channel sensor whose readings arrive out of order within
 * the allowed out-of-orderness, some of them late, plus a reading with the wrong channels. In count
 * mode and in time mode (irregular timestamps, gaps, a break), every window the job scores equals
 * the offline scoring of the accepted readings in timestamp order ({@link SeriesScorer}, through
 * {@link GridSeries} in time mode), and late readings are in the dead-letter topic.
 *
 * <p>Each scenario sends two phases: the second, with the late readings, only once the job has
 * windowed the whole first phase, so which readings are late does not depend on timing.
 */
class EventTimeWindowsITCase extends KafkaJobITCaseBase {

    private static final long T0 = 1_700_000_000_000L;
    private static final String SENSOR = "rig-1";
    /** The model's channel order; readings name them in another order. */
    private static final List<String> CHANNELS = List.of("temp", "vib", "current");
    private static final int WINDOW = 8;
    private static final int STRIDE = 2;
    private static final int READINGS = 160;
    private static final int FIRST_PHASE = 80;
    /** Readings arrive up to 2 s out of order; the job allows 5 s. */
    private static final long OUT_OF_ORDERNESS_MS = 5000;
    /** Relative tolerance: libtorch picks kernels per batch size (streaming batches differ from 256 offline). */
    private static final double RELATIVE = 1e-5;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;

    /** Untrained but valid, threshold 0: every window becomes an anomaly event, so every score can be checked. */
    private static Path bundle;

    @BeforeAll
    static void writeBundle() throws Exception {
        bundle = TestBundles.writeDense(tmp.resolve("rig"), CHANNELS, WINDOW, STRIDE, 0.0);
    }

    /** One reading: its timestamp and values in the model's channel order. */
    private record Reading(long ts, double[] values) {}

    @Test
    void countWindowsOfOutOfOrderReadingsEqualOfflineScoresAndLateOnesAreDeadLettered() throws Exception {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < READINGS; i++) {
            readings.add(new Reading(T0 + 1000L * i, values(i)));
        }
        Scenario scenario = new Scenario("count", readings, Map.of(), Map.of());
        scenario.run(accepted -> {
            List<Long> ends = new ArrayList<>();
            for (int row = WINDOW - 1; row < accepted.size(); row += STRIDE) {
                ends.add(accepted.get(row).ts());
            }
            return ends;
        });

        assertThat(scenario.accepted).as("every reading but the late ones").isEqualTo(readings);
        WindowScore[] offline = scoreOffline(scenario.accepted, null).scores;
        assertThat(scenario.events).hasSize((READINGS - WINDOW) / STRIDE + 1);
        for (AnomalyEvent e : scenario.events.values()) {
            int row = (int) ((e.windowEnd() - T0) / 1000);
            assertThat(e.windowStart()).isEqualTo(T0 + 1000L * (row - WINDOW + 1));
            assertThat(e.channels()).containsExactlyElementsOf(CHANNELS);
            assertThat(e.score()).as("score of the window ending at row %d", row)
                    .isCloseTo(offline[row].score(), within(RELATIVE * offline[row].score()));
        }
    }

    @Test
    void timeWindowsOfIrregularReadingsWithGapsEqualTheOfflineGridScores() throws Exception {
        Random random = new Random(17);
        List<Reading> readings = new ArrayList<>();
        long t = T0;
        for (int i = 0; i < READINGS; i++) {
            // 0.5 to 1.5 s apart (empty cells and cells with two readings), a 2.5 s pause at 40 (filled)
            // and a 9 s outage at 120 (more than window.max-gap-steps: the window breaks)
            t += 500 + random.nextInt(1000) + (i == 40 ? 2500 : 0) + (i == 120 ? 9000 : 0);
            readings.add(new Reading(t, values(i)));
        }
        ResampleSpec grid = new ResampleSpec(1000, GapPolicy.INTERPOLATE, 3);
        Offline offline = scoreOffline(readings, grid);
        assertThat(offline.grid.breaks()).as("the outage breaks the window").isOne();
        assertThat(offline.grid.interpolatedPoints()).isPositive();
        Scenario scenario = new Scenario("time", readings, Map.of("window.mode", "time", "window.step", "1s",
                "window.gap-policy", "interpolate", "window.max-gap-steps", "3"),
                Map.of(ReconMetrics.GRID_POINTS_INTERPOLATED_ACCUMULATOR, (long) offline.grid.interpolatedPoints(),
                        ReconMetrics.GRID_POINTS_FILLED_ACCUMULATOR, 0L,
                        ReconMetrics.WINDOW_BREAKS_ACCUMULATOR, 1L));
        scenario.run(accepted -> windowEnds(GridSeries.resample(timestamps(accepted), rows(accepted), grid)));
        assertThat(scenario.accepted).as("every reading but the late ones").isEqualTo(readings);

        Map<Long, Integer> pointAt = new HashMap<>();
        for (int i = 0; i < offline.grid.size(); i++) {
            pointAt.put(offline.grid.timestamps()[i], i);
        }
        assertThat(scenario.events.keySet()).containsExactlyElementsOf(windowEnds(offline.grid));
        for (AnomalyEvent e : scenario.events.values()) {
            int point = pointAt.get(e.windowEnd());
            assertThat(e.windowStart()).as("grid times").isEqualTo(e.windowEnd() - (WINDOW - 1) * 1000L);
            assertThat(e.score()).as("score of the window ending at grid point %d", point)
                    .isCloseTo(offline.scores[point].score(), within(RELATIVE * offline.scores[point].score()));
        }
    }

    /** Per-channel values of reading {@code i}: three differently shaped signals. */
    private static double[] values(int i) {
        return new double[] {20 + Math.sin(i / 5.0), 0.1 * Math.cos(i / 3.0), 5 + 0.01 * i};
    }

    /**
     * The grid times at which the job emits windows: per segment, the first full window and every
     * {@link #STRIDE} points after it, except at the last point (its cell stays open while the stream
     * goes on; offline the series ends there).
     */
    private static List<Long> windowEnds(GridSeries grid) {
        List<Long> ends = new ArrayList<>();
        SlidingWindowBuffer ring = null;
        for (int i = 0; i < grid.size() - 1; i++) {
            if (grid.startsSegment(i)) {
                ring = new SlidingWindowBuffer(WINDOW, CHANNELS.size(), STRIDE);
            }
            if (ring.add(grid.timestamps()[i], grid.rows()[i])) {
                ends.add(grid.timestamps()[i]);
            }
        }
        return ends;
    }

    /** Offline scores of the accepted readings: by row, or by grid point when resampled. */
    private record Offline(GridSeries grid, WindowScore[] scores) {}

    private static Offline scoreOffline(List<Reading> accepted, ResampleSpec resampling) throws Exception {
        try (LoadedModel model = ModelBundle.load(bundle).open()) {
            SeriesScorer scorer = new SeriesScorer(model);
            if (resampling == null) {
                return new Offline(null, scorer.scoreRows(timestamps(accepted), rows(accepted)));
            }
            GridSeries grid = GridSeries.resample(timestamps(accepted), rows(accepted), resampling);
            return new Offline(grid, scorer.scoreGrid(grid));
        }
    }

    private static long[] timestamps(List<Reading> readings) {
        return readings.stream().mapToLong(Reading::ts).toArray();
    }

    private static double[][] rows(List<Reading> readings) {
        return readings.stream().map(Reading::values).toArray(double[][]::new);
    }

    /** Which windows (by end) the job emits for the accepted readings so far. */
    @FunctionalInterface
    private interface ExpectedEnds {
        List<Long> of(List<Reading> acceptedInOrder);
    }

    /**
     * One job run: the readings of both phases in a shuffled order, a reading with the wrong channels
     * in the first phase, two late readings in the second; afterwards the accepted readings in
     * timestamp order, the anomaly events by window end, the dead letters and the accumulators.
     */
    private static final class Scenario {
        final String name;
        final List<Reading> readings;
        final Map<String, String> windowSettings;
        final Map<String, Long> expectedAccumulators = new HashMap<>();
        final List<Reading> accepted = new ArrayList<>();
        final TreeMap<Long, AnomalyEvent> events = new TreeMap<>();
        final Map<String, Object> accumulators = new HashMap<>();

        Scenario(String name, List<Reading> readings, Map<String, String> windowSettings,
                Map<String, Long> expectedAccumulators) {
            this.name = name;
            this.readings = readings;
            this.windowSettings = windowSettings;
            this.expectedAccumulators.putAll(expectedAccumulators);
            this.expectedAccumulators.put(ReconMetrics.DEAD_LETTERS_ACCUMULATOR, 3L);
        }

        void run(ExpectedEnds expectedEnds) throws Exception {
            String topic = name + ".readings";
            String anomalies = name + ".anomalies";
            String dlq = topic + ".dlq";
            kafka.createTopics(Map.of(topic, PARALLELISM, anomalies, 1, dlq, 1, name + ".incidents", 1));
            Random random = new Random(name.hashCode());

            List<ProducerRecord<String, byte[]>> first = shuffled(topic, 0, FIRST_PHASE, random);
            byte[] wrongChannels = ("{\"sensorId\":\"" + SENSOR + "\",\"ts\":" + (readings.get(30).ts() + 1)
                    + ",\"values\":{\"temp\":1,\"vib\":2,\"rpm\":3}}").getBytes(StandardCharsets.UTF_8);
            first.add(20, new ProducerRecord<>(topic, SENSOR, wrongChannels));
            // Late once the first phase is windowed: older than readings the job already placed.
            long[] lateTs = {readings.get(10).ts() + 1, readings.get(FIRST_PHASE - 20).ts() + 1};
            List<ProducerRecord<String, byte[]>> second = shuffled(topic, FIRST_PHASE, readings.size(), random);
            List<byte[]> late = new ArrayList<>();
            for (int k = 0; k < lateTs.length; k++) {
                byte[] payload = json(lateTs[k], new double[] {99, 99, 99});
                late.add(payload);
                second.add(5 + 10 * k, new ProducerRecord<>(topic, SENSOR, payload));
            }

            produce(kafka.bootstrapServers(), first);
            JobClient job = TimeSeriesJob.withKafka(config(topic, anomalies)).build(
                    StreamExecutionEnvironment.getExecutionEnvironment()).executeAsync();
            try (TopicReader eventReader = new TopicReader(kafka.bootstrapServers(), anomalies);
                    TopicReader deadLetters = new TopicReader(kafka.bootstrapServers(), dlq)) {
                List<Long> firstEnds = expectedEnds.of(readings.subList(0, FIRST_PHASE));
                awaitOrFail(job, TIMEOUT, () -> collect(eventReader).containsAll(firstEnds));
                produce(kafka.bootstrapServers(), second);
                // Every reading is in order within the out-of-orderness: all but the late ones count.
                List<Long> allEnds = expectedEnds.of(readings);
                awaitOrFail(job, TIMEOUT, () -> {
                    deadLetters.poll(Duration.ofMillis(50));
                    return collect(eventReader).containsAll(allEnds) && deadLetters.records().size() >= 3;
                });
                eventReader.poll(Duration.ofSeconds(1)); // anything more would be unexpected
                collect(eventReader);
                // Live accumulators come with TaskManager heartbeats: wait for a report that has everything.
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                do {
                    accumulators.putAll(job.getAccumulators().join());
                } while (!accumulators.entrySet().containsAll(expectedAccumulators.entrySet())
                        && System.nanoTime() < deadline && sleep(100));
                assertThat(accumulators).containsAllEntriesOf(expectedAccumulators);
                assertThat(events.keySet()).as("windows emitted").containsExactlyElementsOf(allEnds);
                checkDeadLetters(deadLetters.records(), topic, wrongChannels, late, lateTs);
                List<String> rejected = deadLetters.records().stream()
                        .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
                for (Reading r : readings) {
                    if (!rejected.contains(new String(json(r.ts(), r.values()), StandardCharsets.UTF_8))) {
                        accepted.add(r);
                    }
                }
            } finally {
                job.cancel().get();
            }
        }

        /** Reads events, keeping them by window end; fails on a window scored twice. */
        private TreeSet<Long> collect(TopicReader reader) {
            List<ConsumerRecord<byte[], byte[]>> all = reader.poll(Duration.ofMillis(200));
            for (int i = events.size(); i < all.size(); i++) {
                AnomalyEvent e = AnomalyEventJson.decode(all.get(i).value());
                assertThat(events.put(e.windowEnd(), e)).as("window ending at %d scored twice", e.windowEnd()).isNull();
            }
            return new TreeSet<>(events.keySet());
        }

        private void checkDeadLetters(List<ConsumerRecord<byte[], byte[]>> records, String topic, byte[] wrongChannels,
                List<byte[]> late, long[] lateTs) {
            assertThat(records).hasSize(3);
            assertThat(records).filteredOn(r -> header(r, DeadLetterHeaders.ERROR).equals("CHANNEL_MISMATCH"))
                    .singleElement().satisfies(r -> {
                        assertThat(r.value()).isEqualTo(wrongChannels);
                        assertThat(header(r, DeadLetterHeaders.ERROR_DETAIL)).contains("missing [current]",
                                "unexpected [rpm]");
                    });
            List<ConsumerRecord<byte[], byte[]>> lateOnes = records.stream()
                    .filter(r -> header(r, DeadLetterHeaders.ERROR).equals("LATE")).toList();
            assertThat(lateOnes).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(late);
            for (ConsumerRecord<byte[], byte[]> r : lateOnes) {
                assertThat(header(r, DeadLetterHeaders.ERROR_DETAIL))
                        .contains("sensor '" + SENSOR + "'", "arrived after the job moved past it")
                        .containsAnyOf("at ts " + lateTs[0], "at ts " + lateTs[1]);
                assertThat(header(r, DeadLetterHeaders.ORIGIN)).startsWith(topic + "/");
            }
        }

        /** Readings {@code [from, to)}, each moved by up to 2 places (about 2 s) from its place in time. */
        private List<ProducerRecord<String, byte[]>> shuffled(String topic, int from, int to, Random random) {
            List<Integer> order = new ArrayList<>();
            for (int i = from; i < to; i++) {
                order.add(i);
            }
            for (int i = 0; i + 1 < order.size(); i += 2) {
                if (random.nextBoolean()) {
                    order.set(i, order.set(i + 1, order.get(i)));
                }
            }
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            for (int i : order) {
                records.add(new ProducerRecord<>(topic, SENSOR, json(readings.get(i).ts(), readings.get(i).values())));
            }
            return records;
        }

        private TimeSeriesJobConfig config(String topic, String anomalies) {
            Map<String, String> settings = new HashMap<>(Map.of(
                    "kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "topic.readings", topic,
                    "topic.anomalies", anomalies,
                    "topic.incidents", name + ".incidents",
                    "kafka.group-id", name,
                    "kafka.starting-offsets", "earliest",
                    "model.bundle", bundle.toString(),
                    "parallelism", Integer.toString(PARALLELISM),
                    "model.hot-swap", "false",
                    "job.name", "event-time-" + name));
            settings.put("event-time.max-out-of-orderness-ms", Long.toString(OUT_OF_ORDERNESS_MS));
            // Long enough that a burst of readings is never cut in two by a release, short enough to end the test.
            settings.put("event-time.max-hold-ms", "3000");
            settings.put("event-time.idle-timeout-ms", "1000");
            settings.put("alarm.mode", "threshold"); // every window over the threshold is compared with offline
            settings.putAll(windowSettings);
            return TimeSeriesJobConfig.of(settings);
        }
    }

    private static boolean sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
        return true;
    }

    /** A reading's JSON, channels named in another order than the model's. */
    private static byte[] json(long ts, double[] v) {
        return ("{\"sensorId\":\"" + SENSOR + "\",\"ts\":" + ts + ",\"values\":{\"current\":" + v[2] + ",\"temp\":"
                + v[0] + ",\"vib\":" + v[1] + "}}").getBytes(StandardCharsets.UTF_8);
    }
}
