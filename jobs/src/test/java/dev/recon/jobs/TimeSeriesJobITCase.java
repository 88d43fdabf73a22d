package dev.recon.jobs;

import static dev.recon.jobs.JobAssertions.awaitOrFail;
import static dev.recon.jobs.TopicReader.header;
import static dev.recon.jobs.TopicWriter.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.jobs.kafka.DeadLetterHeaders;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.NoveltySpec;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.testing.SyntheticSeries;
import dev.recon.trainer.testing.TestModels;
import dev.recon.operators.events.AnomalyEventJson;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.AnomalyEvent;
import dev.recon.trainer.TimeSeriesTrainer;
import dev.recon.trainer.TrainerConfig;
import dev.recon.trainer.TrainingProgress;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import dev.recon.trainer.offline.ScoredSeriesCsv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End-to-end tests of {@link TimeSeriesJob}: a real Kafka broker, a Flink MiniCluster (parallelism
 * 2) and models trained by the real trainer, with the Kafka wiring {@link TimeSeriesJob#withKafka}
 * builds from a {@link TimeSeriesJobConfig}.
 */
class TimeSeriesJobITCase extends KafkaJobITCaseBase {

    private static final long T0 = 1_700_000_000_000L;
    private static final long STEP_MS = 60_000L;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path tmp;

    // -- spikes, a malformed record, accumulators ------------------------------------------------

    private static final int WINDOW = 16;
    private static final int STRIDE = 4;
    private static final int READINGS_PER_SENSOR = 400;
    /** The alarm's seasonal period in the alarm scenario: 120 readings. */
    private static final String SEASONAL_PERIOD = "PT2H";
    private static final double SPIKE_HEIGHT = 40; // the sine's amplitude is 10, its noise sd 0.3
    /** In the alarm scenario, pump-2's reading here (after its spike at 200) takes a value never seen. */
    private static final int EXCURSION = 205;
    /** Injected spikes: sensor -> reading indices. */
    private static final Map<String, int[]> SPIKES = new LinkedHashMap<>(Map.of(
            "pump-1", new int[] {100, 300},
            "pump-2", new int[] {200},
            "pump-3", new int[] {150, 350}));
    /** The malformed record goes to pump-1's partition after this reading, before its second spike. */
    private static final int MALFORMED_AFTER = 200;
    private static final byte[] MALFORMED = "{\"sensorId\": \"pump-1\", \"ts\": 17000".getBytes(StandardCharsets.UTF_8);

    /** The model trained on a normal synthetic series, shared by the spike scenarios. */
    private static Path synthetic;

    @ParameterizedTest(name = "delivery.guarantee={0}")
    @ValueSource(strings = {"at-least-once", "exactly-once"})
    void raisesAnAnomalyForEverySpikeAndDeadLettersAMalformedRecordWithoutStopping(String deliveryGuarantee)
            throws Exception {
        Path bundle = syntheticModel();
        String readings = "spikes-" + deliveryGuarantee + ".readings";
        String anomalies = "spikes-" + deliveryGuarantee + ".anomalies";
        String dlq = readings + ".dlq";
        String incidents = "spikes-" + deliveryGuarantee + ".incidents";
        kafka.createTopics(Map.of(readings, PARALLELISM, anomalies, 1, dlq, 1, incidents, 1,
                "spikes-" + deliveryGuarantee + ".model-updates", 1));

        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        Map<String, double[]> series = spikySeries(100);
        for (int i = 0; i < READINGS_PER_SENSOR; i++) {
            for (Map.Entry<String, double[]> sensor : series.entrySet()) {
                records.add(reading(readings, sensor.getKey(), i, sensor.getValue()[i]));
            }
            if (i == MALFORMED_AFTER) {
                records.add(new ProducerRecord<>(readings, "pump-1", MALFORMED));
            }
        }
        produce(kafka.bootstrapServers(), records);

        // exactly-once: output becomes visible to read_committed consumers at each checkpoint
        TimeSeriesJobConfig config = config(bundle, readings, anomalies, "spikes-" + deliveryGuarantee,
                Map.of("delivery.guarantee", deliveryGuarantee));
        long windowsPerSensor = (READINGS_PER_SENSOR - WINDOW) / STRIDE + 1;
        long expectedWindows = windowsPerSensor * SPIKES.size();
        JobClient job = TimeSeriesJob.withKafka(config).build(env()).executeAsync();
        try (TopicReader events = new TopicReader(kafka.bootstrapServers(), anomalies);
                TopicReader deadLetters = new TopicReader(kafka.bootstrapServers(), dlq);
                TopicReader incidentEvents = new TopicReader(kafka.bootstrapServers(), incidents)) {
            Map<String, Object> accumulators = new HashMap<>();
            awaitOrFail(job, TIMEOUT, () -> {
                events.poll(Duration.ofMillis(200));
                deadLetters.poll(Duration.ofMillis(50));
                // The job is RUNNING (unbounded source): these are live accumulator values.
                accumulators.putAll(job.getAccumulators().join());
                return everySpikeCovered(decode(events.records()))
                        && !deadLetters.records().isEmpty()
                        && Long.valueOf(expectedWindows).equals(accumulators.get(ReconMetrics.WINDOWS_SCORED_ACCUMULATOR));
            });
            events.poll(Duration.ofSeconds(1)); // stragglers of the last windows

            List<AnomalyEvent> found = decode(events.records());
            for (Map.Entry<String, int[]> sensor : SPIKES.entrySet()) {
                for (int spike : sensor.getValue()) {
                    List<AnomalyEvent> covering = found.stream()
                            .filter(e -> e.sensorId().equals(sensor.getKey()) && e.covers(ts(spike)))
                            .toList();
                    assertThat(covering).as("events of %s covering the spike at %d", sensor.getKey(), spike)
                            .isNotEmpty();
                    assertThat(covering).as("peak of %s's spike at %d", sensor.getKey(), spike)
                            .anySatisfy(e -> assertThat(e.peakTs()).isEqualTo(ts(spike)));
                }
            }
            // Tolerance: an event may end at most one window length (WINDOW readings) after a spike,
            // i.e. its window still contains the spike; anything else is a false positive.
            for (AnomalyEvent event : found) {
                assertThat(Arrays.stream(SPIKES.get(event.sensorId()))
                        .anyMatch(spike -> event.windowEnd() >= ts(spike)
                                && event.windowEnd() - ts(spike) <= (WINDOW - 1) * STEP_MS))
                        .as("%s ends at most one window after a spike of its sensor", event)
                        .isTrue();
                assertThat(event.model()).isEqualTo("synthetic");
                assertThat(event.severity()).isGreaterThanOrEqualTo(1.0);
                assertThat(event.channels()).containsExactly("value");
                assertThat(event.windowEnd() - event.windowStart()).isEqualTo((WINDOW - 1) * STEP_MS);
            }
            // pump-1 kept being scored after the malformed record (its second spike comes after it)
            assertThat(found).anySatisfy(e -> {
                assertThat(e.sensorId()).isEqualTo("pump-1");
                assertThat(e.windowStart()).isGreaterThan(ts(MALFORMED_AFTER));
            });

            assertThat(deadLetters.records()).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo(MALFORMED);
                assertThat(header(record, DeadLetterHeaders.ERROR)).isEqualTo("INVALID_JSON");
                assertThat(header(record, DeadLetterHeaders.ERROR_DETAIL)).contains("not valid JSON");
                assertThat(header(record, DeadLetterHeaders.ORIGIN)).startsWith(readings + "/");
            });

            // Each spike's anomalous windows merge into one incident: the spikes are further apart than a
            // window plus the 10-minute quiet period, so there is one incident-open per spike.
            List<JsonNode> opened = awaitIncidentOpens(incidentEvents, 5);
            assertThat(opened).hasSize(5);
            for (Map.Entry<String, int[]> sensor : SPIKES.entrySet()) {
                for (int spike : sensor.getValue()) {
                    assertThat(opened).as("incident of %s at %d", sensor.getKey(), spike).anySatisfy(n -> {
                        assertThat(n.get("sensorId").asText()).isEqualTo(sensor.getKey());
                        assertThat(n.get("start").asLong()).isBetween(ts(spike), ts(spike + WINDOW - 1));
                    });
                }
            }

            assertThat(accumulators)
                    .containsEntry(ReconMetrics.READINGS_PARSED_ACCUMULATOR,
                            (long) READINGS_PER_SENSOR * SPIKES.size())
                    .containsEntry(ReconMetrics.DEAD_LETTERS_ACCUMULATOR, 1L)
                    .containsEntry(ReconMetrics.WINDOWS_SCORED_ACCUMULATOR, expectedWindows);
            assertThat((Long) accumulators.get(ReconMetrics.ANOMALIES_ACCUMULATOR))
                    .isEqualTo(found.stream().map(e -> e.sensorId() + "@" + e.windowEnd()).distinct().count());
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void theOnsetLikelihoodAlarmRaisesTheOfflineRulesEventsAndOneIncidentPerSpike() throws Exception {
        // the bundle's novelty without its rest, so that a never-seen excursion right after pump-2's spike,
        // while the window's alarm is silent after the spike, pages by its value alone
        Path bundle = withRestlessNovelty(syntheticModel(), tmp.resolve("restless-novelty"));
        String readings = "alarm.readings";
        String anomalies = "alarm.anomalies";
        kafka.createTopics(Map.of(readings, PARALLELISM, anomalies, 1, readings + ".dlq", 1, "alarm.incidents", 1,
                "alarm.model-updates", 1));
        Map<String, double[]> series = spikySeries(300);
        series.get("pump-2")[EXCURSION] = -25; // the sine's range is +-10
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < READINGS_PER_SENSOR; i++) {
            for (Map.Entry<String, double[]> sensor : series.entrySet()) {
                records.add(reading(readings, sensor.getKey(), i, sensor.getValue()[i]));
            }
        }
        produce(kafka.bootstrapServers(), records);

        // recon score's anomaly_score (ScoredSeriesCsv) of the recorded stream: the job's alarms must be its alarms.
        int warmUp = 20; // the default 100 would outlast these 97 windows per sensor
        Map<String, Double> expected = new LinkedHashMap<>();
        try (LoadedModel model = ModelBundle.load(bundle).open()) {
            double threshold = model.manifest().threshold().value();
            AlarmSpec own = model.manifest().alarmOrDefault();
            assertThat(own.lookBack()).isEqualTo(WINDOW / STRIDE);
            // a seasonal period of two hours (120 readings) puts the windows just after a spike next to it a
            // period earlier: their onsets change, no spike is 120 readings after another, so the alarms stay
            AlarmSpec alarm = new AlarmSpec(own.rule(), own.level(), own.lookBack(), own.likelihoodHorizon(), warmUp,
                    own.rearmAfter(), List.of(SEASONAL_PERIOD), own.novelty(), own.chosenOn());
            boolean periodMatters = false;
            boolean noveltyMatters = false;
            assertThat(own.novelty()).as("recon train fits the alarm's novelty").isNotNull();
            for (Map.Entry<String, double[]> sensor : series.entrySet()) {
                long[] timestamps = new long[READINGS_PER_SENSOR];
                double[][] rows = new double[READINGS_PER_SENSOR][];
                for (int i = 0; i < READINGS_PER_SENSOR; i++) {
                    timestamps[i] = ts(i);
                    rows[i] = new double[] {sensor.getValue()[i]};
                }
                WindowScore[] offline = new SeriesScorer(model).scoreRows(timestamps, rows);
                double[] anomalyScores = ScoredSeriesCsv.anomalyScores(offline, timestamps, rows, WINDOW, threshold,
                        alarm, STRIDE);
                periodMatters |= !Arrays.equals(anomalyScores, ScoredSeriesCsv.anomalyScores(offline, timestamps,
                        rows, WINDOW, threshold, alarm.withSeasonalPeriods(List.of()), STRIDE));
                noveltyMatters |= !Arrays.equals(anomalyScores, ScoredSeriesCsv.anomalyScores(offline, timestamps,
                        rows, WINDOW, threshold, alarm.withNovelty(null), STRIDE));
                for (int row = 0; row < READINGS_PER_SENSOR; row++) {
                    if (anomalyScores[row] >= alarm.level()) {
                        assertThat((row - (WINDOW - 1)) % STRIDE).as("only the job's windows are judged").isZero();
                        expected.put(sensor.getKey() + "@" + ts(row), anomalyScores[row]);
                    }
                }
            }
            assertThat(periodMatters).as("the seasonal period changes some window's score").isTrue();
            assertThat(noveltyMatters).as("the excursion's never-seen value changes a window's score").isTrue();
            assertThat(expected).as("the excursion pages while the window's alarm is silent after the spike")
                    .containsKey("pump-2@" + ts(EXCURSION + 2));
        }
        // Each spike alarms at the first window that contains it; a later window of the same spike alarms
        // again only where its severity exceeds the spike's earlier windows (the onset's recent maximum).
        List<String> firstWindows = new ArrayList<>();
        SPIKES.forEach((sensor, spikes) -> Arrays.stream(spikes).forEach(spike -> firstWindows.add(
                sensor + "@" + ts(WINDOW - 1 + (int) Math.ceil((spike - (WINDOW - 1)) / (double) STRIDE) * STRIDE))));
        assertThat(expected.keySet()).as("offline alarms").containsAll(firstWindows);
        for (String alarm : expected.keySet()) {
            String sensor = alarm.substring(0, alarm.indexOf('@'));
            long end = Long.parseLong(alarm.substring(alarm.indexOf('@') + 1));
            assertThat(Arrays.stream(SPIKES.get(sensor)).anyMatch(spike -> end >= ts(spike)
                    && end - ts(spike) < WINDOW * STEP_MS)).as("offline alarm %s contains a spike", alarm).isTrue();
        }

        // the bundle's own alarm (the default alarm.mode), with a shorter warm-up
        TimeSeriesJobConfig config = config(bundle, readings, anomalies, "alarm", Map.of(
                "alarm.mode", "onset-likelihood", "alarm.likelihood.warm-up", Integer.toString(warmUp),
                "alarm.seasonal-periods", SEASONAL_PERIOD));
        long expectedWindows = ((READINGS_PER_SENSOR - WINDOW) / STRIDE + 1) * SPIKES.size();
        JobClient job = TimeSeriesJob.withKafka(config).build(env()).executeAsync();
        try (TopicReader events = new TopicReader(kafka.bootstrapServers(), anomalies);
                TopicReader incidentEvents = new TopicReader(kafka.bootstrapServers(), "alarm.incidents")) {
            Map<String, Object> accumulators = new HashMap<>();
            awaitOrFail(job, TIMEOUT, () -> {
                events.poll(Duration.ofMillis(200));
                accumulators.putAll(job.getAccumulators().join());
                return Long.valueOf(expectedWindows).equals(accumulators.get(ReconMetrics.WINDOWS_SCORED_ACCUMULATOR))
                        && events.records().size() >= expected.size();
            });
            events.poll(Duration.ofSeconds(1)); // an extra event would show up here

            List<AnomalyEvent> found = decode(events.records());
            assertThat(found).extracting(e -> e.sensorId() + "@" + e.windowEnd())
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (AnomalyEvent event : found) {
                double offlineScore = expected.get(event.sensorId() + "@" + event.windowEnd());
                assertThat(event.alarm().rule()).isEqualTo("onset-likelihood");
                assertThat(event.alarm().level()).isEqualTo(AlarmSpec.DEFAULT_LEVEL);
                assertThat(event.alarm().score()).isCloseTo(offlineScore, within(1e-6));
                assertThat(event.alarm().likelihood()).as("past the warm-up: the likelihood is computed")
                        .isNotEqualTo(0.5);
            }
            // the threshold alone would have flagged every window of each spike; the rule counts only its alarms
            assertThat((Long) accumulators.get(ReconMetrics.ANOMALIES_ACCUMULATOR)).isGreaterThan(found.size());
            assertThat(accumulators).containsEntry(ReconMetrics.ALARMS_ACCUMULATOR, (long) found.size());

            // incidents follow the rule's verdicts: one per spike
            List<JsonNode> opened = awaitIncidentOpens(incidentEvents, firstWindows.size());
            assertThat(opened).extracting(n -> n.get("sensorId").asText() + "@" + n.get("start").asLong())
                    .as("one incident per spike, opened by its first alarm")
                    .containsExactlyInAnyOrderElementsOf(firstWindows);
        } finally {
            job.cancel().get();
        }
    }

    /** The incident-open events read so far, once {@code expected} of them arrived or the timeout passed. */
    private static List<JsonNode> awaitIncidentOpens(TopicReader incidents, int expected) throws Exception {
        List<JsonNode> opened = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (opened.size() < expected && System.nanoTime() < deadline) {
            opened.clear();
            incidents.poll(Duration.ofMillis(200));
            for (ConsumerRecord<byte[], byte[]> r : incidents.records()) {
                JsonNode n = JSON.readTree(r.value());
                if (n.get("type").asText().equals("incident-open")) {
                    opened.add(n);
                }
            }
        }
        return opened;
    }

    /** Each sensor of {@link #SPIKES}: a noisy sine (seeds from {@code seed} on) with its spikes. */
    private static Map<String, double[]> spikySeries(long seed) {
        Map<String, double[]> series = new LinkedHashMap<>();
        long next = seed;
        for (Map.Entry<String, int[]> sensor : SPIKES.entrySet()) {
            series.put(sensor.getKey(), SyntheticSeries.withSpikes(
                    SyntheticSeries.sine(READINGS_PER_SENSOR, 48, next++), SPIKE_HEIGHT, sensor.getValue()));
        }
        return series;
    }

    /** {@code bundle} with its alarm's novelty re-armed at once after a page ({@code restWindows} 0). */
    private static Path withRestlessNovelty(Path bundle, Path out) throws Exception {
        ModelBundle loaded = ModelBundle.load(bundle);
        AlarmSpec own = loaded.manifest().alarmOrDefault();
        NoveltySpec novelty = own.novelty();
        NoveltySpec restless = new NoveltySpec(novelty.low(), novelty.high(), novelty.divisions(), 0,
                novelty.trainingCells());
        try (LoadedModel model = loaded.open()) {
            ModelBundle.save(out, loaded.manifest().withAlarm(own.withNovelty(restless)), model.djlModel().getBlock(),
                    null);
        }
        return out;
    }

    private static synchronized Path syntheticModel() throws Exception {
        if (synthetic == null) {
            synthetic = trainOnSyntheticNormalSeries(tmp.resolve("synthetic"));
        }
        return synthetic;
    }

    private static Path trainOnSyntheticNormalSeries(Path out) throws Exception {
        return TestModels.trainOnSine(out, "synthetic", 1500, T0, STEP_MS, WINDOW, STRIDE);
    }

    private static boolean everySpikeCovered(List<AnomalyEvent> events) {
        return SPIKES.entrySet().stream().allMatch(sensor -> Arrays.stream(sensor.getValue())
                .allMatch(spike -> events.stream()
                        .anyMatch(e -> e.sensorId().equals(sensor.getKey()) && e.covers(ts(spike)))));
    }

    // -- parity with offline scoring on a real NAB series ------------------------------------------

    /** The NAB sample the demo ships (Numenta Anomaly Benchmark, MIT licence: data/samples/nab/LICENSE.txt). */
    private static final Path NAB_SAMPLE = Path.of(System.getProperty("basedir", "."))
            .resolve("../data/samples/nab/ec2_request_latency_system_failure.csv").normalize();
    private static final int NAB_WINDOW = 32;
    private static final int NAB_STRIDE = 2;
    /** Relative tolerance: libtorch picks kernels per batch size (1 streaming, 256 offline). */
    private static final double RELATIVE = 1e-5;

    @Test
    void scoresEveryWindowOfANabSeriesAsTheOfflineScorerDoes() throws Exception {
        assertThat(NAB_SAMPLE).as("NAB sample file").exists();
        TimeSeries series = TimeSeriesCsv.read(NAB_SAMPLE);
        Path trained = tmp.resolve("ec2");
        TrainerConfig trainerConfig = TrainerConfig.defaults("ec2-latency")
                .withWindow(NAB_WINDOW, NAB_STRIDE)
                .withArchitecture(List.of(16), 4)
                .withOptimisation(1e-3, 32, 4, 2); // trains on the first 15% (the default split)
        new TimeSeriesTrainer(trainerConfig, TrainingProgress.SILENT).train(series, trained);
        Path everyWindow = withZeroThreshold(trained, tmp.resolve("ec2-threshold-0"));

        String readings = "nab.readings";
        String anomalies = "nab.anomalies";
        kafka.createTopics(Map.of(readings, PARALLELISM, anomalies, 1, readings + ".dlq", 1, "nab.incidents", 1,
                "nab.model-updates", 1));
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            String json = "{\"sensorId\":\"ec2\",\"ts\":" + series.timestamps()[i]
                    + ",\"value\":" + series.rows()[i][0] + "}";
            records.add(new ProducerRecord<>(readings, "ec2", json.getBytes(StandardCharsets.UTF_8)));
        }
        produce(kafka.bootstrapServers(), records);

        WindowScore[] offline;
        try (LoadedModel model = ModelBundle.load(everyWindow).open()) {
            offline = new SeriesScorer(model).scoreRows(series.timestamps(), series.rows());
        }
        // The rows the job scores: every NAB_STRIDE-th from the first full window. This file repeats
        // one timestamp 12 times (a daylight-saving artefact), so a window is identified by both of
        // its bounds, not by its end alone.
        Map<String, Integer> rowOfWindow = new HashMap<>();
        for (int row = NAB_WINDOW - 1; row < series.size(); row += NAB_STRIDE) {
            String bounds = bounds(series.timestamps()[row - NAB_WINDOW + 1], series.timestamps()[row]);
            assertThat(rowOfWindow.put(bounds, row)).as("two windows with bounds %s", bounds).isNull();
        }
        assertThat(rowOfWindow).hasSize((series.size() - NAB_WINDOW) / NAB_STRIDE + 1);

        JobClient job = TimeSeriesJob.withKafka(config(everyWindow, readings, anomalies, "nab", Map.of()))
                .build(env()).executeAsync();
        try (TopicReader events = new TopicReader(kafka.bootstrapServers(), anomalies)) {
            Map<String, AnomalyEvent> byBounds = new HashMap<>();
            awaitOrFail(job, TIMEOUT, () -> {
                decode(events.poll(Duration.ofMillis(200)))
                        .forEach(e -> byBounds.put(bounds(e.windowStart(), e.windowEnd()), e));
                return byBounds.size() >= rowOfWindow.size();
            });
            assertThat(byBounds.keySet()).containsExactlyInAnyOrderElementsOf(rowOfWindow.keySet());
            for (Map.Entry<String, AnomalyEvent> window : byBounds.entrySet()) {
                int row = rowOfWindow.get(window.getKey());
                AnomalyEvent event = window.getValue();
                double offlineScore = offline[row].score();
                assertThat(event.score()).as("score of the window ending at row %d", row)
                        .isCloseTo(offlineScore, within(RELATIVE * Math.abs(offlineScore)));
                assertThat(event.threshold()).isZero();
                assertThat(event.model()).isEqualTo("ec2-latency");
            }
        } finally {
            job.cancel().get();
        }
    }

    private static String bounds(long windowStart, long windowEnd) {
        return windowStart + ".." + windowEnd;
    }

    /** Re-saves a bundle with threshold 0, so that every window becomes an event. */
    private static Path withZeroThreshold(Path bundle, Path out) throws Exception {
        ModelBundle trained = ModelBundle.load(bundle);
        BundleManifest manifest = trained.manifest();
        try (LoadedModel model = trained.open()) {
            ModelBundle.save(out, manifest.withThreshold(
                    manifest.threshold().withValue(0, "parity test: every window is an event")),
                    model.djlModel().getBlock());
        }
        return out;
    }

    // -- model hot swap ----------------------------------------------------------------------------

    @Test
    void swapsTheModelMidStreamWithoutLosingOrRescoringAWindow() throws Exception {
        Path v1 = withZeroThreshold(syntheticModel(), tmp.resolve("swap-v1"));
        Path v2 = withVersion(withZeroThreshold(syntheticModel(), tmp.resolve("swap-v2")), "2");
        String name = "swap";
        String readings = name + ".readings";
        String anomalies = name + ".anomalies";
        String updates = name + ".model-updates";
        kafka.createTopics(Map.of(readings, PARALLELISM, anomalies, 1, readings + ".dlq", 1, name + ".incidents", 1,
                updates, 1));
        double[] values = SyntheticSeries.sine(READINGS_PER_SENSOR, 48, 3);
        int half = READINGS_PER_SENSOR / 2;
        List<ProducerRecord<String, byte[]>> first = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> second = new ArrayList<>();
        for (int i = 0; i < READINGS_PER_SENSOR; i++) {
            (i < half ? first : second).add(reading(readings, "pump-9", i, values[i]));
        }
        long firstWindows = (half - WINDOW) / STRIDE + 1;
        long allWindows = (READINGS_PER_SENSOR - WINDOW) / STRIDE + 1;
        produce(kafka.bootstrapServers(), first);

        JobClient job = TimeSeriesJob.withKafka(config(v1, readings, anomalies, name, Map.of()))
                .build(env()).executeAsync();
        try (TopicReader events = new TopicReader(kafka.bootstrapServers(), anomalies)) {
            awaitOrFail(job, TIMEOUT, () -> {
                events.poll(Duration.ofMillis(200));
                return events.records().size() >= firstWindows;
            });
            produce(kafka.bootstrapServers(), List.of(new ProducerRecord<>(updates, null,
                    ("{\"model\": \"synthetic\", \"bundle\": \"" + v2 + "\"}").getBytes(StandardCharsets.UTF_8))));
            // every scorer subtask swaps; the accumulator is their sum
            awaitOrFail(job, TIMEOUT, () -> Long.valueOf(PARALLELISM)
                    .equals(job.getAccumulators().join().get(ReconMetrics.MODEL_SWAPS_ACCUMULATOR)));
            produce(kafka.bootstrapServers(), second);
            awaitOrFail(job, TIMEOUT, () -> {
                events.poll(Duration.ofMillis(200));
                return events.records().size() >= allWindows;
            });
            events.poll(Duration.ofSeconds(1)); // anything extra would be a duplicate

            List<AnomalyEvent> found = decode(events.records());
            assertThat(found).hasSize((int) allWindows);
            assertThat(found.stream().map(AnomalyEvent::windowEnd).distinct().count())
                    .as("no window scored twice").isEqualTo(allWindows);
            for (AnomalyEvent e : found) {
                boolean before = e.windowEnd() <= ts(half - 1);
                assertThat(e.modelVersion()).as("version of %s", e).isEqualTo(before ? "1" : "2");
            }
        } finally {
            job.cancel().get();
        }
    }

    // -- recovery ------------------------------------------------------------------------------------

    @Test
    void afterAFailureTheCommittedEventsAreExactlyTheOfflineScores() throws Exception {
        Path everyWindow = withZeroThreshold(syntheticModel(), tmp.resolve("recovery"));
        String name = "recovery";
        String readings = name + ".readings";
        String anomalies = name + ".anomalies";
        kafka.createTopics(Map.of(readings, PARALLELISM, anomalies, 1, readings + ".dlq", 1, name + ".incidents", 1,
                name + ".model-updates", 1));
        int n = 1200;
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("pump-a", SyntheticSeries.withSpikes(SyntheticSeries.sine(n, 48, 21), SPIKE_HEIGHT, 700));
        series.put("pump-b", SyntheticSeries.sine(n, 48, 22));
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (Map.Entry<String, double[]> sensor : series.entrySet()) {
                records.add(reading(readings, sensor.getKey(), i, sensor.getValue()[i]));
            }
        }
        produce(kafka.bootstrapServers(), records);

        Map<String, WindowScore[]> offline = new HashMap<>();
        long[] timestamps = new long[n];
        for (int i = 0; i < n; i++) {
            timestamps[i] = ts(i);
        }
        try (LoadedModel model = ModelBundle.load(everyWindow).open()) {
            for (Map.Entry<String, double[]> sensor : series.entrySet()) {
                double[][] rows = Arrays.stream(sensor.getValue()).mapToObj(v -> new double[] {v})
                        .toArray(double[][]::new);
                offline.put(sensor.getKey(), new SeriesScorer(model).scoreRows(timestamps, rows));
            }
        }
        long windowsPerSensor = (n - WINDOW) / STRIDE + 1;

        FailOnceAfterCheckpoint.FAILED.set(false);
        StreamExecutionEnvironment env = env();
        TimeSeriesPipeline pipeline = TimeSeriesJob.withKafka(config(everyWindow, readings, anomalies, name,
                Map.of("delivery.guarantee", "exactly-once", "checkpoint.interval-ms", "300",
                        "inference.batch-size", "16"))).build(env);
        // A side branch fails once: the whole job restarts from its last checkpoint.
        pipeline.scoredWindows().map(new FailOnceAfterCheckpoint((int) windowsPerSensor / 2))
                .uid("inject-failure").sinkTo(new DiscardingSink<>());
        JobClient job = pipeline.executeAsync();
        try (TopicReader events = new TopicReader(kafka.bootstrapServers(), anomalies)) {
            awaitOrFail(job, TIMEOUT, () -> {
                events.poll(Duration.ofMillis(200));
                return events.records().size() >= 2 * windowsPerSensor;
            });
            events.poll(Duration.ofSeconds(2)); // a duplicate would show up here
            assertThat(FailOnceAfterCheckpoint.FAILED).as("the failure was injected").isTrue();

            List<AnomalyEvent> found = decode(events.records());
            assertThat(found).hasSize((int) (2 * windowsPerSensor));
            assertThat(found.stream().map(e -> e.sensorId() + "@" + e.windowEnd()).distinct().count())
                    .as("no duplicates").isEqualTo(2 * windowsPerSensor);
            for (AnomalyEvent e : found) {
                int row = (int) ((e.windowEnd() - T0) / STEP_MS);
                WindowScore expected = offline.get(e.sensorId())[row];
                assertThat(e.score()).as("%s", e).isCloseTo(expected.score(), within(1e-5 * expected.score()));
            }
        } finally {
            job.cancel().get();
        }
    }

    /** The same bundle under another version (the manifest lists checksums of the other files only). */
    private static Path withVersion(Path bundle, String version) throws Exception {
        Path manifest = bundle.resolve(ModelBundle.MANIFEST_FILE);
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) ModelBundle.json().readTree(manifest.toFile());
        tree.put("version", version);
        ModelBundle.json().writeValue(manifest.toFile(), tree);
        return bundle;
    }

    // -- helpers -----------------------------------------------------------------------------------

    private static long ts(int i) {
        return T0 + STEP_MS * i;
    }

    private static ProducerRecord<String, byte[]> reading(String topic, String sensor, int i, double value) {
        String json = "{\"sensorId\":\"" + sensor + "\",\"ts\":" + ts(i) + ",\"value\":" + value + "}";
        return new ProducerRecord<>(topic, sensor, json.getBytes(StandardCharsets.UTF_8));
    }

    private static TimeSeriesJobConfig config(
            Path bundle, String readings, String anomalies, String name, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "kafka.bootstrap-servers", kafka.bootstrapServers(),
                "topic.readings", readings,
                "topic.anomalies", anomalies,
                "topic.incidents", name + ".incidents",
                "kafka.group-id", name,
                "kafka.starting-offsets", "earliest",
                "model.bundle", bundle.toString(),
                "parallelism", Integer.toString(PARALLELISM),
                "checkpoint.interval-ms", "1000",
                "job.name", name));
        settings.put("topic.model-updates", name + ".model-updates");
        // these tests compare every window over the threshold with the offline scores; the alarm test sets its mode
        settings.put("alarm.mode", "threshold");
        settings.putAll(more);
        return TimeSeriesJobConfig.of(settings);
    }

    private static StreamExecutionEnvironment env() {
        // The MiniClusterExtension makes this environment submit to its shared cluster.
        return StreamExecutionEnvironment.getExecutionEnvironment();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<AnomalyEvent> decode(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> AnomalyEventJson.decode(r.value())).toList();
    }
}
