package dev.recon.jobs;

import dev.recon.jobs.kafka.TimeSeriesKafka;
import dev.recon.operators.events.IsAnomalous;
import dev.recon.operators.events.ToAnomalyEvent;
import dev.recon.operators.parse.ReadingParser;
import dev.recon.operators.scoring.SensorIdKey;
import dev.recon.operators.scoring.WindowScoringFunction;
import dev.recon.operators.types.AnomalyEvent;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.RawInput;
import dev.recon.operators.types.ScoredWindow;
import dev.recon.operators.types.SensorReading;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The time-series anomaly detection job: sensor readings in, anomaly events and dead letters out.
 *
 * <pre>
 * source -> parse -> keyBy(sensorId) -> score windows -> anomalous? -> anomaly event -> anomaly sink
 *             |                             |
 *             +--- dead letters ------------+--> dead-letter sink
 * </pre>
 *
 * <p>Source and sinks are injected (so tests and the embedded demo can use their own); {@link #main}
 * wires Kafka from {@link TimeSeriesJobConfig}. Every operator has a stable uid (the {@code *_UID}
 * constants): savepoints map state to operators by uid, so they must never change.
 *
 * <pre>{@code
 * TimeSeriesJobConfig config = TimeSeriesJobConfig.fromArgs(args);
 * JobClient job = TimeSeriesJob.withKafka(config)
 *         .build(StreamExecutionEnvironment.getExecutionEnvironment())
 *         .executeAsync();
 * }</pre>
 */
public final class TimeSeriesJob {

    /** Uid of the input source. */
    public static final String SOURCE_UID = "readings-source";
    /** Uid of the parser. */
    public static final String PARSER_UID = "parse-readings";
    /** Uid of the windowing and scoring operator (holds the per-sensor window state). */
    public static final String SCORER_UID = "score-windows";
    /** Uid of the anomalous-window filter. */
    public static final String ANOMALY_FILTER_UID = "anomalous-windows";
    /** Uid of the scored-window to anomaly-event map. */
    public static final String TO_EVENT_UID = "to-anomaly-event";
    /** Uid of the anomaly sink. */
    public static final String ANOMALY_SINK_UID = "anomalies-sink";
    /** Uid of the dead-letter sink. */
    public static final String DEAD_LETTER_SINK_UID = "dead-letters-sink";

    private final TimeSeriesJobConfig config;
    private final Source<RawInput, ?, ?> source;
    private final Sink<AnomalyEvent> anomalySink;
    private final Sink<DeadLetter> deadLetterSink;

    /**
     * A job reading from {@code source} and writing to the given sinks; everything else comes from
     * {@code config}.
     */
    public TimeSeriesJob(TimeSeriesJobConfig config, Source<RawInput, ?, ?> source,
            Sink<AnomalyEvent> anomalySink, Sink<DeadLetter> deadLetterSink) {
        this.config = Objects.requireNonNull(config, "config");
        this.source = Objects.requireNonNull(source, "source");
        this.anomalySink = Objects.requireNonNull(anomalySink, "anomalySink");
        this.deadLetterSink = Objects.requireNonNull(deadLetterSink, "deadLetterSink");
    }

    /** The job with the Kafka source and sinks that {@code config} describes. */
    public static TimeSeriesJob withKafka(TimeSeriesJobConfig config) {
        return new TimeSeriesJob(config, TimeSeriesKafka.readingsSource(config),
                TimeSeriesKafka.anomalySink(config), TimeSeriesKafka.deadLetterSink(config));
    }

    /**
     * Builds the job's graph on {@code env} (setting its parallelism and checkpointing from the
     * config) without starting it.
     */
    public TimeSeriesPipeline build(StreamExecutionEnvironment env) {
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.checkpointIntervalMs());

        // Event time is the reading's ts; windows are counted in readings, so no watermarks are needed.
        DataStream<RawInput> raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "readings")
                .uid(SOURCE_UID);

        SingleOutputStreamOperator<SensorReading> readings = raw
                .process(new ReadingParser(config.maxRecordBytes()), SensorReading.TYPE_INFO)
                .uid(PARSER_UID)
                .name("parse readings");

        SingleOutputStreamOperator<ScoredWindow> scored = readings
                .keyBy(new SensorIdKey())
                .process(new WindowScoringFunction(config.modelBundle().toAbsolutePath().toString()),
                        ScoredWindow.TYPE_INFO)
                .uid(SCORER_UID)
                .name("score windows (" + config.bundle().manifest().name() + " v"
                        + config.bundle().manifest().version() + ")");

        DataStream<AnomalyEvent> anomalies = scored
                .filter(new IsAnomalous())
                .uid(ANOMALY_FILTER_UID)
                .name("anomalous windows")
                .map(new ToAnomalyEvent(), AnomalyEvent.TYPE_INFO)
                .uid(TO_EVENT_UID)
                .name("anomaly events");
        anomalies.sinkTo(anomalySink).uid(ANOMALY_SINK_UID).name("anomalies");

        DataStream<DeadLetter> deadLetters = readings.getSideOutput(ReadingParser.DEAD_LETTERS)
                .union(scored.getSideOutput(WindowScoringFunction.DEAD_LETTERS));
        deadLetters.sinkTo(deadLetterSink).uid(DEAD_LETTER_SINK_UID).name("dead letters");

        return new TimeSeriesPipeline(env, config.jobName(), scored, anomalies, deadLetters);
    }

    /** Builds the job on the context's environment and runs it until it ends (or is cancelled). */
    public JobExecutionResult execute() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        return build(env).environment().execute(config.jobName());
    }

    /**
     * Runs the job with Kafka: {@code --config job.properties} and/or {@code --key value} settings
     * ({@code --help} lists them). Invalid settings or a bad model bundle fail here, before anything
     * is submitted.
     */
    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("recon time-series job settings (--config FILE reads them from a properties file):\n\n"
                    + TimeSeriesJobConfig.helpText());
            return;
        }
        withKafka(TimeSeriesJobConfig.fromArgs(args)).execute();
    }
}
