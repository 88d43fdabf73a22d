package dev.recon.operators.scoring;

import dev.recon.model.bundle.BundleFormatException;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.metrics.ScoringMetrics;
import dev.recon.operators.types.ModelUpdate;
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
 * Micro-batched model scoring with hot swap, whatever is scored: a subclass says how one element
 * enters the batch ({@link #append}) and what leaves for it once scored ({@link #emit}); batching,
 * flushing, watermark holding and model swaps are the same for every kind of input.
 *
 * <p>A batch is scored when it is full, when its oldest element has waited {@code maxWaitMs} of
 * processing time, before every checkpoint barrier ({@link #prepareSnapshotPreBarrier}) and at the
 * end of input. So nothing waits for long, and no element is ever inside a checkpoint: a
 * checkpoint's state is exactly the elements scored before it, and after a failure the elements of
 * an unflushed batch come again from the replayed input. Nothing is lost. One model and one
 * {@link ReconstructionScorer} per subtask, loaded in {@link #open}; each batch crosses into
 * libtorch as one array and is released when the call returns, and is scored with the bundle's
 * score function ({@link ReconstructionScorer#scoreBatch}), as offline scoring does.
 *
 * <p><b>Hot swap.</b> Used as a two-input operator, the second input carries announcements from the
 * {@code model-updates} topic ({@link ModelUpdate}, broadcast to every subtask). An announcement for
 * this operator's model is verified (bundle checksums, same name, an input the subclass accepts
 * ({@link #incompatibility}), a forward pass of the right shape); then the pending batch is scored
 * with the old model, the new one takes over and the old one is closed, all between two elements.
 * So every element is scored exactly once and names the version that scored it. The bundle serving
 * each model is kept in broadcast state ({@value #SERVING_STATE}), so a restored job serves what it
 * served before. A rejected announcement is logged and counted ({@code modelSwapFailures}); the old
 * model keeps serving. The second input carries no watermarks: only the first input's go downstream.
 * A subclass may instead take announcements in order with its elements on a single input, so it can
 * be chained to the operator before it ({@link #modelAnnounced}).
 *
 * <p>Pending elements are kept as they arrived, not copied, until their batch is scored: with object
 * reuse the operator before must not change an element after emitting it (recon's emit new ones).
 *
 * @param <IN> what is scored (a window, an image)
 * @param <OUT> what is emitted for each scored element
 */
public abstract class AbstractMicroBatchScorer<IN, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<IN, OUT>, TwoInputStreamOperator<IN, String, OUT>, ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AbstractMicroBatchScorer.class);

    /** Default largest batch. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 64;
    /** Default longest wait of an element for its batch, in milliseconds. */
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
    private transient float[] batch;
    /** The pending elements' conditions while a conditional model serves; {@code null} otherwise. */
    private transient int[] conditions;
    private transient Object[] pending;
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
     * @param maxBatchSize elements per forward pass at most
     * @param maxWaitMs processing time an element may wait for its batch to fill
     * @param emitDenoised whether reconstructions go to the subclass's side output
     * @param sensorLabelLimit most sensors (or sources) named in per-sensor metrics per subtask; the
     *     rest are reported as {@code other}
     */
    protected AbstractMicroBatchScorer(String bundlePath, int maxBatchSize, long maxWaitMs, boolean emitDenoised,
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

    /** A scorer whose per-sensor metrics name at most {@link ReconMetrics#DEFAULT_SENSOR_LABEL_LIMIT} sensors. */
    protected AbstractMicroBatchScorer(String bundlePath, int maxBatchSize, long maxWaitMs, boolean emitDenoised) {
        this(bundlePath, maxBatchSize, maxWaitMs, emitDenoised, ReconMetrics.DEFAULT_SENSOR_LABEL_LIMIT);
    }

    // -- what a subclass provides ------------------------------------------------------------------

    /**
     * Why a model cannot serve here, or null if it can. Called for the configured (or restored)
     * model in {@link #open} and, with the serving model's manifest as {@code serving}, for every
     * announced bundle of the same name.
     *
     * @param serving the manifest of the model serving now; {@code null} in {@link #open}
     * @param next the manifest of the model that would serve
     */
    protected abstract String incompatibility(BundleManifest serving, BundleManifest next);

    /** Called whenever a model starts serving (in {@link #open} and after a swap), before any element. */
    protected void installed(LoadedModel loaded) {}

    /**
     * Writes one element's model input ({@link #windowSize()} floats) into {@code batch} at
     * {@code offset}.
     *
     * @throws IllegalStateException if the element does not fit the model (an upstream bug: the
     *     operators before the scorer shape elements for this model)
     */
    protected abstract void append(IN element, float[] batch, int offset);

    /**
     * The condition index one element is scored under; called only while a conditional model
     * ({@code cvae}) serves, which only subclasses that override this accept ({@link #incompatibility}).
     *
     * @throws IllegalStateException if the element has no condition (an upstream bug: the operators
     *     before the scorer dead-letter such elements)
     */
    protected int condition(IN element) {
        throw new IllegalStateException(getClass().getSimpleName() + " does not score conditional models");
    }

    /**
     * Emits what is published for one scored element (through {@link #output}), and records it in
     * {@link #metrics()}.
     *
     * @param score the element's score (the bundle's score function) and reconstruction errors
     * @param reconstruction the model's reconstruction of the whole batch, laid out as {@link #append} wrote it
     * @param offset where this element starts in {@code reconstruction}
     * @param nowMs processing time now, epoch milliseconds
     */
    protected abstract void emit(IN element, WindowScore score, float[] reconstruction, int offset, long nowMs);

    // -- for subclasses ----------------------------------------------------------------------------

    /** The manifest of the model serving now. */
    protected final BundleManifest manifest() {
        return manifest;
    }

    /** Flattened model input size of one element. */
    protected final int windowSize() {
        return scorer.windowSize();
    }

    /** This subtask's scoring metrics. */
    protected final ScoringMetrics metrics() {
        return metrics;
    }

    /** Whether reconstructions are emitted. */
    protected final boolean emitDenoised() {
        return emitDenoised;
    }

    // -- lifecycle ---------------------------------------------------------------------------------

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
        LoadedModel loaded = ModelBundle.load(Path.of(servingPath)).open();
        String unusable = incompatibility(null, loaded.manifest());
        if (unusable != null) {
            loaded.close();
            throw new IllegalStateException("model bundle " + servingPath + " cannot serve in "
                    + getClass().getSimpleName() + ": " + unusable);
        }
        install(loaded);
        batch = new float[maxBatchSize * scorer.windowSize()];
        pending = new Object[maxBatchSize];
        metrics = ScoringMetrics.register(getRuntimeContext(), manifest.name(), manifest.version(),
                manifest.threshold().value(), sensorLabelLimit);
        LOG.info("Subtask {} scores with model '{}' version {} in batches of up to {} (max wait {} ms) from {}",
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), manifest.name(), manifest.version(),
                maxBatchSize, maxWaitMs, servingPath);
    }

    private void install(LoadedModel loaded) {
        model = loaded;
        scorer = new ReconstructionScorer(loaded);
        conditions = scorer.conditional() ? new int[maxBatchSize] : null;
        manifest = loaded.manifest();
        installed(loaded);
    }

    @Override
    public void processElement1(StreamRecord<IN> element) throws Exception {
        processElement(element);
    }

    @Override
    public void processElement2(StreamRecord<String> element) throws Exception {
        modelAnnounced(element.getValue());
    }

    /**
     * Handles one {@code model-updates} announcement, as read from the second input or relayed in
     * order with the elements by a subclass whose single input carries both: verifies it and, if it
     * is for this operator's model, scores the pending batch with the old model and swaps.
     */
    protected final void modelAnnounced(String announcement) throws Exception {
        ModelUpdate update;
        try {
            update = ModelUpdate.parse(announcement);
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
        String incompatible = candidate.manifest().name().equals(manifest.name())
                ? incompatibility(manifest, candidate.manifest())
                : "the bundle's model is '" + candidate.manifest().name() + "', not '" + manifest.name() + "'";
        if (incompatible != null) {
            candidate.close();
            reject(update.bundle(), incompatible);
            return;
        }
        // Elements that arrived before the announcement are scored by the model that served then.
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

    private void reject(String bundle, String why) {
        metrics.swapFailed();
        LOG.warn("Rejected model update (bundle {}) for model '{}': {}; version {} keeps serving",
                bundle, manifest.name(), why, manifest.version());
    }

    /**
     * A watermark must not overtake the elements waiting in the batch (downstream event-time logic
     * would see them late): it is held until the batch is scored.
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
        // Watermarks come from the scored input only; the model-updates input has none and must not hold them back.
        processWatermark(mark);
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // ignored: see processWatermark1
    }

    @Override
    public void processElement(StreamRecord<IN> element) throws Exception {
        IN value = element.getValue();
        append(value, batch, size * scorer.windowSize());
        if (conditions != null) {
            conditions[size] = condition(value);
        }
        pending[size++] = value;
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
    @SuppressWarnings("unchecked") // pending holds only what processElement put there
    private void flush() throws Exception {
        if (size == 0) {
            return;
        }
        int count = size;
        size = 0;
        int width = scorer.windowSize();
        long started = System.nanoTime();
        ReconstructionScorer.ScoredBatch scored = scorer.scoreBatch(batch, conditions, count);
        metrics.batchScored(count, System.nanoTime() - started);
        long now = getProcessingTimeService().getCurrentProcessingTime();
        for (int i = 0; i < count; i++) {
            IN element = (IN) pending[i];
            pending[i] = null;
            emit(element, scored.scores()[i], scored.reconstruction(), i * width, now);
        }
        if (heldWatermark != null) {
            Watermark mark = heldWatermark;
            heldWatermark = null;
            super.processWatermark(mark);
        }
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
            if (pending != null) {
                Arrays.fill(pending, null);
            }
            super.close();
        }
    }
}
