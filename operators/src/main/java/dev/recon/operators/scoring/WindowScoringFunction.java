package dev.recon.operators.scoring;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.window.SlidingWindowBuffer;
import dev.recon.model.window.ZScoreNormalizer;
import dev.recon.operators.metrics.DeadLetterCounter;
import dev.recon.operators.metrics.EventCounter;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RecordRejectedException;
import dev.recon.operators.types.ScoredWindow;
import dev.recon.operators.types.SensorReading;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a sliding window of readings per sensor and scores every due window with the model of a
 * bundle, emitting one {@link ScoredWindow} per window.
 *
 * <p>Per reading: map the values to the model's channel order ({@link ChannelMapping}; a mismatch
 * goes to {@link #DEAD_LETTERS} as {@code CHANNEL_MISMATCH}), normalise them with the statistics
 * fitted at training time, append them to the sensor's {@link SlidingWindowBuffer} (keyed state
 * named {@value #WINDOW_STATE}), and when a window is due (the reading that fills the first window,
 * then every {@code stride} readings) reconstruct it and score it. The result equals
 * {@link dev.recon.model.scoring.SeriesScorer}'s offline score for the window ending at the same
 * reading (up to float rounding that depends on the batch size).
 *
 * <p>The bundle is loaded once per subtask in {@link #open}; the model and its scorer (which is not
 * thread-safe) belong to that subtask and are closed in {@link #close}. The bundle path must exist
 * on every TaskManager.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<ScoredWindow> scored = readings
 *         .keyBy(new SensorIdKey())
 *         .process(new WindowScoringFunction("models/pump"));
 * }</pre>
 */
public class WindowScoringFunction extends KeyedProcessFunction<String, SensorReading, ScoredWindow> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WindowScoringFunction.class);

    /**
     * Name of the keyed state holding each sensor's window. Savepoints find state by this name:
     * never change it.
     */
    public static final String WINDOW_STATE = "recon.window-buffer";

    /** The side output of rejected readings (shared by every recon operator). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = DeadLetter.OUTPUT_TAG;

    private final String bundlePath;

    private transient LoadedModel model;
    private transient ReconstructionScorer scorer;
    private transient ZScoreNormalizer normalizer;
    private transient ChannelMapping channels;
    private transient BundleManifest manifest;
    private transient ValueState<SlidingWindowBuffer> windows;
    private transient float[] normalized;
    private transient float[] batch;
    private transient EventCounter windowsScored;
    private transient EventCounter anomalies;
    private transient DeadLetterCounter deadLetters;

    /**
     * A function that scores with the bundle at {@code bundlePath} (a directory or {@code .zip}).
     * The path is kept as a string, so the function stays serialisable, and is read in each task.
     */
    public WindowScoringFunction(String bundlePath) {
        this.bundlePath = Objects.requireNonNull(bundlePath, "bundlePath");
    }

    /** The state descriptor of the per-sensor window, for tests and state-processor tooling. */
    public static ValueStateDescriptor<SlidingWindowBuffer> windowStateDescriptor() {
        return new ValueStateDescriptor<>(WINDOW_STATE, TypeInformation.of(SlidingWindowBuffer.class));
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        ModelBundle bundle = ModelBundle.load(Path.of(bundlePath));
        model = bundle.open();
        scorer = new ReconstructionScorer(model);
        manifest = model.manifest();
        normalizer = model.normalizer();
        channels = new ChannelMapping(manifest.input().channels(),
                "'" + manifest.name() + "' version " + manifest.version());
        normalized = new float[manifest.input().channels().size()];
        batch = new float[scorer.windowSize()];
        windows = getRuntimeContext().getState(windowStateDescriptor());
        windowsScored = EventCounter.register(getRuntimeContext(),
                ReconMetrics.WINDOWS_SCORED, ReconMetrics.WINDOWS_SCORED_ACCUMULATOR);
        anomalies = EventCounter.register(getRuntimeContext(),
                ReconMetrics.ANOMALIES, ReconMetrics.ANOMALIES_ACCUMULATOR);
        deadLetters = DeadLetterCounter.register(getRuntimeContext());
        LOG.info("Subtask {} scores with model '{}' version {} ({} steps x {} channels, stride {}, threshold {}) from {}",
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), manifest.name(), manifest.version(),
                manifest.input().windowLength(), manifest.input().channels().size(), manifest.input().stride(),
                manifest.threshold().value(), bundlePath);
    }

    @Override
    public void processElement(SensorReading reading, Context ctx, Collector<ScoredWindow> out) throws IOException {
        try {
            normalize(channels.toModelOrder(reading));
        } catch (RecordRejectedException e) {
            deadLetters.inc(e.reason());
            long timestamp = ctx.timestamp() == null ? reading.ts() : ctx.timestamp();
            ctx.output(DEAD_LETTERS, DeadLetter.of(reading, timestamp, e.reason(), e.detail()));
            return;
        }
        SlidingWindowBuffer window = currentWindow();
        boolean due = window.add(reading.ts(), normalized);
        // Heap state would see the in-place change anyway; RocksDB only stores what is written back.
        windows.update(window);
        if (due) {
            scoreAndEmit(ctx.getCurrentKey(), window, out);
        }
    }

    /**
     * Scores the window that just became due. Windows are copied out of the buffer first, so a
     * micro-batcher can take over here: copy into the next slot of a batch, remember the bounds
     * and peak timestamps, and score and emit the whole batch when it is full or a timer fires.
     */
    private void scoreAndEmit(String sensorId, SlidingWindowBuffer window, Collector<ScoredWindow> out) {
        window.copyWindow(batch, 0);
        WindowScore score = scorer.score(batch, 1)[0];
        ScoredWindow scored = ScoredWindows.of(sensorId, window, score, manifest);
        windowsScored.inc();
        if (scored.anomalous()) {
            anomalies.inc();
        }
        out.collect(scored);
    }

    /** Normalises into {@link #normalized}; a value that overflows a float once normalised is rejected. */
    private void normalize(double[] raw) throws RecordRejectedException {
        normalizer.normalize(raw, normalized, 0);
        for (int c = 0; c < normalized.length; c++) {
            if (!Float.isFinite(normalized[c])) {
                // The model runs in float32: 1e39 is a valid double but would reach it as Infinity
                // and turn the window's score into NaN, which is never anomalous.
                throw new RecordRejectedException(DeadLetterReason.NON_FINITE_VALUE,
                        "channel '" + channels.modelChannels().get(c) + "' value " + raw[c]
                                + " is out of range once normalised (" + normalized[c]
                                + "); expected a value the model's float32 input can hold");
            }
        }
    }

    /**
     * The sensor's window, created on its first reading. A window restored from a savepoint taken
     * with a model of another shape cannot be continued and is started afresh; a changed stride is
     * adopted as is.
     */
    private SlidingWindowBuffer currentWindow() throws IOException {
        SlidingWindowBuffer window = windows.value();
        int length = manifest.input().windowLength();
        int width = manifest.input().channels().size();
        int stride = manifest.input().stride();
        if (window == null || window.getLength() != length || window.getChannels() != width) {
            return new SlidingWindowBuffer(length, width, stride);
        }
        if (window.getStride() != stride) {
            window.setStride(stride);
        }
        return window;
    }

    @Override
    public void close() throws Exception {
        // close() also runs after a failed open(): anything may still be null.
        try {
            if (scorer != null) {
                scorer.close();
            }
        } finally {
            scorer = null;
            if (model != null) {
                model.close();
                model = null;
            }
        }
    }
}
