package dev.recon.operators.scoring;

import dev.recon.model.bundle.BundleFormatException;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.window.ZScoreNormalizer;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.metrics.ScoringMetrics;
import dev.recon.operators.types.DenoisedWindow;
import dev.recon.operators.types.ModelUpdate;
import dev.recon.operators.types.RawWindow;
import dev.recon.operators.types.ScoredWindow;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores windows in micro-batches: one forward pass for up to {@code maxBatchSize} windows, so
 * libtorch's per-call cost is paid once per batch instead of once per window.
 *
 * <p>A batch is scored when it is full, when its oldest window has waited {@code maxWaitMs} of
 * processing time, before every checkpoint barrier ({@link #prepareSnapshotPreBarrier}) and at the
 * end of input. So no window waits for long, and no window is ever inside a checkpoint: a
 * checkpoint's state is exactly the windows scored before it, and after a failure the windows of
 * an unflushed batch are rebuilt from the replayed input. Nothing is lost.
 *
 * <p>Windows arrive raw and are normalised here with the model that scores them, the same way
 * {@link dev.recon.model.scoring.SeriesScorer} does offline, so streamed and offline scores agree.
 * One model and one {@link ReconstructionScorer} per subtask, loaded in {@link #open}; each batch
 * crosses into libtorch as one array and is released when the call returns.
 *
 * <p><b>Hot swap.</b> Used as a two-input operator, the second input carries announcements from the
 * {@code model-updates} topic ({@link ModelUpdate}, broadcast to every subtask). An announcement for
 * this operator's model is verified (bundle checksums, same name, channels, window length and
 * stride, a forward pass of the right shape); then the pending batch is scored with the old model,
 * the new one takes over and the old one is closed, all between two windows. So every window is
 * scored exactly once and names the version that scored it. The bundle serving each model is kept
 * in broadcast state ({@value #SERVING_STATE}), so a restored job serves what it served before. A
 * rejected announcement is logged and counted ({@code modelSwapFailures}); the old model keeps
 * serving. The second input carries no watermarks: only the windows' watermarks go downstream.
 */
public class MicroBatchScorer extends AbstractStreamOperator<ScoredWindow>
        implements OneInputStreamOperator<RawWindow, ScoredWindow>,
                TwoInputStreamOperator<RawWindow, String, ScoredWindow>, ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchScorer.class);

    /** Default largest batch. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 64;
    /** Default longest wait of a window for its batch, in milliseconds. */
    public static final long DEFAULT_MAX_WAIT_MS = 50;

    /** Broadcast state: model name to the bundle serving it. Savepoint-compatible name: never change it. */
    public static final String SERVING_STATE = "recon.serving-bundles";
    /** Descriptor of {@link #SERVING_STATE}. */
    public static final MapStateDescriptor<String, String> SERVING_STATE_DESCRIPTOR =
            new MapStateDescriptor<>(SERVING_STATE, Types.STRING, Types.STRING);

    private final String bundlePath;
    private final int maxBatchSize;
    private final long maxWaitMs;
    private final boolean emitDenoised;
    private final int sensorLabelLimit;

    private transient LoadedModel model;
    private transient ReconstructionScorer scorer;
    private transient BundleManifest manifest;
    private transient ZScoreNormalizer normalizer;
    private transient float[] batch;
    private transient RawWindow[] windows;
    private transient double[] step;
    private transient int size;
    private transient boolean timerArmed;
    private transient ScoringMetrics metrics;
    private transient BroadcastState<String, String> serving;
    private transient String servingPath;
    private transient Watermark heldWatermark;

    /**
     * A scorer.
     *
     * @param bundlePath the model bundle (directory or .zip), present on every TaskManager
     * @param maxBatchSize windows per forward pass at most
     * @param maxWaitMs processing time a window may wait for its batch to fill
     * @param emitDenoised whether reconstructions go to the {@link DenoisedWindow#OUTPUT_TAG} side output
     */
    public MicroBatchScorer(String bundlePath, int maxBatchSize, long maxWaitMs, boolean emitDenoised) {
        this(bundlePath, maxBatchSize, maxWaitMs, emitDenoised, ReconMetrics.DEFAULT_SENSOR_LABEL_LIMIT);
    }

    /**
     * A scorer whose per-sensor metrics name at most {@code sensorLabelLimit} sensors per subtask (the
     * rest are reported as {@code other}); the other parameters as above.
     */
    public MicroBatchScorer(String bundlePath, int maxBatchSize, long maxWaitMs, boolean emitDenoised,
            int sensorLabelLimit) {
        if (sensorLabelLimit < 0) {
            throw new IllegalArgumentException("sensorLabelLimit must be >= 0, got " + sensorLabelLimit);
        }
        this.sensorLabelLimit = sensorLabelLimit;
        this.bundlePath = Objects.requireNonNull(bundlePath, "bundlePath");
        if (maxBatchSize < 1 || maxWaitMs < 0) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1 and maxWaitMs >= 0, got "
                    + maxBatchSize + " and " + maxWaitMs);
        }
        this.maxBatchSize = maxBatchSize;
        this.maxWaitMs = maxWaitMs;
        this.emitDenoised = emitDenoised;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        serving = context.getOperatorStateStore().getBroadcastState(SERVING_STATE_DESCRIPTOR);
    }

    @Override
    public void open() throws Exception {
        super.open();
        String name = ModelBundle.load(Path.of(bundlePath)).manifest().name();
        String swapped = serving.get(name);
        servingPath = swapped != null ? swapped : bundlePath;
        install(ModelBundle.load(Path.of(servingPath)).open());
        batch = new float[maxBatchSize * scorer.windowSize()];
        windows = new RawWindow[maxBatchSize];
        step = new double[manifest.input().channels().size()];
        metrics = ScoringMetrics.register(getRuntimeContext(), manifest.name(), manifest.version(),
                manifest.threshold().value(), sensorLabelLimit);
        LOG.info("Subtask {} scores with model '{}' version {} in batches of up to {} (max wait {} ms) from {}",
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), manifest.name(), manifest.version(),
                maxBatchSize, maxWaitMs, servingPath);
    }

    private void install(LoadedModel loaded) {
        model = loaded;
        scorer = new ReconstructionScorer(loaded);
        manifest = loaded.manifest();
        normalizer = loaded.normalizer();
    }

    @Override
    public void processElement1(StreamRecord<RawWindow> element) throws Exception {
        processElement(element);
    }

    @Override
    public void processElement2(StreamRecord<String> element) throws Exception {
        ModelUpdate update;
        try {
            update = ModelUpdate.parse(element.getValue());
        } catch (IllegalArgumentException e) {
            reject("?", e.getMessage());
            return;
        }
        if (!update.model().equals(manifest.name())) {
            LOG.debug("Ignoring an update for model '{}': this operator serves '{}'", update.model(), manifest.name());
            return;
        }
        if (update.bundle().equals(servingPath)) {
            return; // already serving it (a replay of the topic after a restart)
        }
        LoadedModel candidate;
        try {
            candidate = ModelBundle.load(Path.of(update.bundle())).open();
        } catch (BundleFormatException | RuntimeException e) {
            reject(update.bundle(), e.getMessage());
            return;
        }
        String incompatible = incompatibility(candidate.manifest());
        if (incompatible != null) {
            candidate.close();
            reject(update.bundle(), incompatible);
            return;
        }
        // Windows that arrived before the announcement are scored by the model that served then.
        flush();
        LoadedModel old = model;
        ReconstructionScorer oldScorer = scorer;
        String oldVersion = manifest.version();
        install(candidate);
        oldScorer.close();
        old.close();
        servingPath = update.bundle();
        serving.put(manifest.name(), servingPath);
        metrics.serving(manifest.version(), manifest.threshold().value());
        LOG.info("Subtask {} swapped model '{}' version {} for version {} from {}",
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), manifest.name(), oldVersion,
                manifest.version(), servingPath);
    }

    /** Why a new bundle cannot replace the serving one, or null if it can. */
    private String incompatibility(BundleManifest next) {
        if (!next.name().equals(manifest.name())) {
            return "the bundle's model is '" + next.name() + "', not '" + manifest.name() + "'";
        }
        if (!next.input().channels().equals(manifest.input().channels())
                || next.input().windowLength() != manifest.input().windowLength()
                || next.input().stride() != manifest.input().stride()) {
            return "input " + next.input().channels() + " x " + next.input().windowLength() + " (stride "
                    + next.input().stride() + ") differs from the serving " + manifest.input().channels() + " x "
                    + manifest.input().windowLength() + " (stride " + manifest.input().stride()
                    + "); windows in state would not fit: deploy it as a new job";
        }
        return null;
    }

    private void reject(String bundle, String why) {
        metrics.swapFailed();
        LOG.warn("Rejected model update (bundle {}) for model '{}': {}; version {} keeps serving",
                bundle, manifest.name(), why, manifest.version());
    }

    /**
     * A watermark must not overtake the windows waiting in the batch (downstream event-time logic,
     * incidents, would see them late): it is held until the batch is scored.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (size == 0) {
            super.processWatermark(mark);
        } else {
            heldWatermark = mark;
        }
    }

    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        // Watermarks come from the windows only; the model-updates input has none and must not hold them back.
        processWatermark(mark);
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // ignored: see processWatermark1
    }

    @Override
    public void processElement(StreamRecord<RawWindow> element) throws Exception {
        RawWindow window = element.getValue();
        int width = scorer.windowSize();
        int channels = step.length;
        if (window.values().length != width) {
            throw new IllegalStateException("window of " + window.sensorId() + " has " + window.values().length
                    + " values but model '" + manifest.name() + "' takes " + width);
        }
        int offset = size * width;
        for (int t = 0; t < window.timestamps().length; t++) {
            System.arraycopy(window.values(), t * channels, step, 0, channels);
            normalizer.normalize(step, batch, offset + t * channels);
        }
        windows[size++] = window;
        if (size == maxBatchSize) {
            flush();
        } else if (!timerArmed) {
            timerArmed = true;
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + maxWaitMs, this);
        }
    }

    @Override
    public void onProcessingTime(long time) throws Exception {
        timerArmed = false;
        flush();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    /** Scores and emits the pending batch, if any. */
    private void flush() throws Exception {
        if (size == 0) {
            return;
        }
        int count = size;
        size = 0;
        int width = scorer.windowSize();
        int steps = manifest.input().windowLength();
        int channels = step.length;
        long started = System.nanoTime();
        float[] reconstruction = scorer.reconstruct(batch, count);
        metrics.batchScored(count, System.nanoTime() - started);
        long now = getProcessingTimeService().getCurrentProcessingTime();
        for (int i = 0; i < count; i++) {
            RawWindow window = windows[i];
            windows[i] = null;
            WindowScore score = WindowScore.of(batch, reconstruction, i * width, steps, channels);
            ScoredWindow scored = ScoredWindows.of(window.sensorId(), window.timestamps(), score, manifest);
            metrics.windowScored(scored.sensorId(), scored.score(), scored.threshold(), scored.anomalous(), now,
                    scored.windowEnd());
            output.collect(new StreamRecord<>(scored, window.end()));
            if (emitDenoised) {
                output.collect(DenoisedWindow.OUTPUT_TAG,
                        new StreamRecord<>(denoised(window, reconstruction, i * width), window.end()));
            }
        }
        if (heldWatermark != null) {
            Watermark mark = heldWatermark;
            heldWatermark = null;
            super.processWatermark(mark);
        }
    }

    private DenoisedWindow denoised(RawWindow window, float[] reconstruction, int offset) {
        int channels = step.length;
        double[] values = new double[window.values().length];
        for (int k = 0; k < values.length; k++) {
            values[k] = normalizer.denormalize(k % channels, reconstruction[offset + k]);
        }
        return new DenoisedWindow(window.sensorId(), window.timestamps(),
                manifest.input().channels().toArray(new String[0]), values, manifest.name(), manifest.version());
    }

    @Override
    public void close() throws Exception {
        try {
            if (scorer != null) {
                scorer.close();
            }
            if (model != null) {
                model.close();
            }
        } finally {
            scorer = null;
            model = null;
            if (windows != null) {
                Arrays.fill(windows, null);
            }
            super.close();
        }
    }
}
