package dev.recon.jobs;

import static dev.recon.jobs.JobAssertions.awaitOrFail;
import static dev.recon.jobs.TopicReader.header;
import static dev.recon.jobs.TopicWriter.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recon.jobs.kafka.DeadLetterHeaders;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.testing.SyntheticSeries;
import dev.recon.operators.events.AnomalyEventJson;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.scoring.MicroBatchScorer;
import dev.recon.operators.types.AnomalyEvent;
import dev.recon.trainer.NormalizationScope;
import dev.recon.trainer.TimeSeriesTrainer;
import dev.recon.trainer.TrainerConfig;
import dev.recon.trainer.TrainingProgress;
import dev.recon.trainer.data.SensorSeries;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two models in one {@link TimeSeriesJob} ({@code model.routes}, no default), end to end: a real
 * Kafka broker, a MiniCluster (parallelism 2) and models trained by the real trainer, one with
 * per-sensor statistics. Each sensor's windows are scored by its route's model, with that model's
 * window length, and equal the offline scores of that bundle for that sensor ({@code recon score
 * --sensor-id}); a sensor no route matches is dead-lettered as {@code NO_MODEL}.
 */
class MultiModelJobITCase extends KafkaJobITCaseBase {

    private static final long T0 = 1_700_000_000_000L;
    private static final long STEP_MS = 60_000L;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Relative tolerance against offline scores: libtorch picks kernels per batch size. */
    private static final double RELATIVE = 1e-5;

    private static final int READINGS = 160;
    private static final int PUMP_WINDOW = 16;
    private static final int PUMP_STRIDE = 4;
    private static final int FAN_WINDOW = 8;
    private static final int FAN_STRIDE = 2;
    private static final String ROUTES = "pump-*=%s;fan-?-*=%s";

    @TempDir
    static Path tmp;

    /** The pumps' model: the shared sine model, windows of 16, stride 4. */
    private static Path pumpModel() throws Exception {
        Path trained = TestModels.trainOnSine(tmp.resolve("pumps-trained"), "pumps", 1000, T0, STEP_MS,
                PUMP_WINDOW, PUMP_STRIDE);
        return everyWindowAnEvent(trained, tmp.resolve("pumps"));
    }

    /** The fans' model: two fans at levels 10 and 500, per-sensor statistics, windows of 8, stride 2. */
    private static Path fanModel() throws Exception {
        List<SensorSeries> fans = List.of(new SensorSeries("fan-a-1", series(1000, 1, 10, 0.1)),
                new SensorSeries("fan-b-1", series(1000, 2, 500, 2)));
        TrainerConfig config = TrainerConfig.defaults("fans")
                .withWindow(FAN_WINDOW, FAN_STRIDE)
                .withArchitecture(List.of(16), 4)
                .withSplit(1.0, 0.2)
                .withOptimisation(5e-3, 32, 10, 5);
        Path trained = tmp.resolve("fans-trained");
        new TimeSeriesTrainer(config, TrainingProgress.SILENT).train(fans, NormalizationScope.PER_SENSOR, trained);
        return everyWindowAnEvent(trained, tmp.resolve("fans"));
    }

    /** A sine (period 48) rescaled to {@code level + scale * (sine - 50)}, one row a minute from T0. */
    private static TimeSeries series(int n, long seed, double level, double scale) {
        double[] sine = SyntheticSeries.sine(n, 48, seed);
        long[] ts = new long[n];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            ts[i] = ts(i);
            rows[i] = new double[] {level + scale * (sine[i] - 50)};
        }
        return new TimeSeries("seed " + seed, List.of("value"), ts, rows, null);
    }

    /** Re-saves a bundle with threshold 0, so that every window becomes an event. */
    private static Path everyWindowAnEvent(Path bundle, Path out) throws Exception {
        ModelBundle trained = ModelBundle.load(bundle);
        BundleManifest manifest = trained.manifest();
        try (LoadedModel model = trained.open()) {
            ModelBundle.save(out, manifest.withThreshold(
                    manifest.threshold().withValue(0, "routing test: every window is an event")),
                    model.djlModel().getBlock());
        }
        return out;
    }

    @Test
    void eachSensorIsScoredByItsRoutesModelAsOfflineAndAnUnmatchedOneIsDeadLettered() throws Exception {
        Path pumps = pumpModel();
        Path fans = fanModel();
        String name = "routes";
        String readings = name + ".readings";
        String anomalies = name + ".anomalies";
        String dlq = readings + ".dlq";
        kafka.createTopics(Map.of(readings, PARALLELISM, anomalies, 1, dlq, 1, name + ".incidents", 1,
                name + ".model-updates", 1));

        // fan-c-9 matches the fans' route but is none of the sensors the fans' model was fitted on
        Map<String, TimeSeries> sensors = new LinkedHashMap<>();
        sensors.put("pump-1", series(READINGS, 11, 50, 1));
        sensors.put("pump-2", series(READINGS, 12, 50, 1));
        sensors.put("fan-a-1", series(READINGS, 13, 10, 0.1));
        sensors.put("fan-b-1", series(READINGS, 14, 500, 2));
        sensors.put("fan-c-9", series(READINGS, 15, 200, 1));
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < READINGS; i++) {
            for (Map.Entry<String, TimeSeries> sensor : sensors.entrySet()) {
                records.add(reading(readings, sensor.getKey(), i, sensor.getValue().rows()[i][0]));
            }
            if (i % 50 == 0) {
                records.add(reading(readings, "boiler-1", i, 80)); // no route matches, and there is no default
            }
        }
        produce(kafka.bootstrapServers(), records);

        // offline: each sensor's rows scored by its route's bundle, normalised as that sensor (recon score --sensor-id)
        Map<String, WindowScore[]> offline = new HashMap<>();
        for (Map.Entry<String, TimeSeries> sensor : sensors.entrySet()) {
            Path bundle = sensor.getKey().startsWith("pump-") ? pumps : fans;
            try (LoadedModel model = ModelBundle.load(bundle).open()) {
                offline.put(sensor.getKey(), new SeriesScorer(model).forSensor(sensor.getKey())
                        .scoreRows(sensor.getValue().timestamps(), sensor.getValue().rows()));
            }
        }
        int pumpWindows = (READINGS - PUMP_WINDOW) / PUMP_STRIDE + 1;
        int fanWindows = (READINGS - FAN_WINDOW) / FAN_STRIDE + 1;
        int expected = 2 * pumpWindows + 3 * fanWindows;

        Map<String, String> settings = new HashMap<>(Map.of(
                "kafka.bootstrap-servers", kafka.bootstrapServers(),
                "topic.readings", readings,
                "topic.anomalies", anomalies,
                "topic.incidents", name + ".incidents",
                "topic.model-updates", name + ".model-updates",
                "kafka.group-id", name,
                "kafka.starting-offsets", "earliest",
                "model.routes", String.format(ROUTES, pumps, fans),
                "parallelism", Integer.toString(PARALLELISM),
                "checkpoint.interval-ms", "1000"));
        settings.put("alarm.mode", "threshold"); // every window over the threshold is compared with offline
        TimeSeriesJobConfig config = TimeSeriesJobConfig.of(settings);
        JobClient job = TimeSeriesJob.withKafka(config).build(StreamExecutionEnvironment.getExecutionEnvironment())
                .executeAsync();
        try (TopicReader events = new TopicReader(kafka.bootstrapServers(), anomalies);
                TopicReader deadLetters = new TopicReader(kafka.bootstrapServers(), dlq)) {
            Map<String, Object> accumulators = new HashMap<>();
            awaitOrFail(job, TIMEOUT, () -> {
                events.poll(Duration.ofMillis(200));
                deadLetters.poll(Duration.ofMillis(50));
                accumulators.putAll(job.getAccumulators().join());
                // The job is RUNNING (unbounded source): these are live accumulator values.
                return events.records().size() >= expected && deadLetters.records().size() >= 4
                        && Long.valueOf(expected).equals(accumulators.get(ReconMetrics.WINDOWS_SCORED_ACCUMULATOR))
                        && Long.valueOf(4).equals(accumulators.get(ReconMetrics.DEAD_LETTERS_ACCUMULATOR));
            });
            events.poll(Duration.ofSeconds(1)); // anything extra would be a duplicate

            List<AnomalyEvent> found = events.records().stream().map(r -> AnomalyEventJson.decode(r.value())).toList();
            assertThat(found).hasSize(expected);
            Map<String, Integer> perSensor = new HashMap<>();
            for (AnomalyEvent e : found) {
                boolean pump = e.sensorId().startsWith("pump-");
                int window = pump ? PUMP_WINDOW : FAN_WINDOW;
                int stride = pump ? PUMP_STRIDE : FAN_STRIDE;
                assertThat(e.model()).as("model of %s", e).isEqualTo(pump ? "pumps" : "fans");
                assertThat(e.modelVersion()).isEqualTo("1");
                assertThat(e.windowEnd() - e.windowStart()).as("window of %s", e).isEqualTo((window - 1) * STEP_MS);
                int row = (int) ((e.windowEnd() - T0) / STEP_MS);
                assertThat((row - (window - 1)) % stride).as("stride of %s", e).isZero();
                double offlineScore = offline.get(e.sensorId())[row].score();
                assertThat(e.score()).as("score of %s", e).isCloseTo(offlineScore, within(RELATIVE * offlineScore));
                perSensor.merge(e.sensorId(), 1, Integer::sum);
            }
            assertThat(perSensor).containsOnly(Map.entry("pump-1", pumpWindows), Map.entry("pump-2", pumpWindows),
                    Map.entry("fan-a-1", fanWindows), Map.entry("fan-b-1", fanWindows),
                    Map.entry("fan-c-9", fanWindows));

            assertThat(deadLetters.records()).hasSize(4).allSatisfy(record -> {
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"sensorId\":\"boiler-1\"");
                assertThat(header(record, DeadLetterHeaders.ERROR)).isEqualTo("NO_MODEL");
                assertThat(header(record, DeadLetterHeaders.ERROR_DETAIL))
                        .contains("no model serves sensor 'boiler-1'", "[pump-*, fan-?-*]");
            });
            // fan-c-9, and only it, is normalised with the fans' model's pooled statistics: counted once
            assertThat(accumulators).containsEntry(MicroBatchScorer.POOLED_STATISTICS_SENSORS_ACCUMULATOR, 1L);
        } finally {
            job.cancel().get();
        }
    }

    private static long ts(int i) {
        return T0 + STEP_MS * i;
    }

    private static ProducerRecord<String, byte[]> reading(String topic, String sensor, int i, double value) {
        String json = "{\"sensorId\":\"" + sensor + "\",\"ts\":" + ts(i) + ",\"value\":" + value + "}";
        return new ProducerRecord<>(topic, sensor, json.getBytes(StandardCharsets.UTF_8));
    }
}
