package dev.recon.operators.scoring;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.window.ZScoreNormalizer;
import dev.recon.operators.metrics.EventCounter;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.DenoisedWindow;
import dev.recon.operators.types.ModelAnnouncement;
import dev.recon.operators.types.ModelUpdate;
import dev.recon.operators.types.RawWindow;
import dev.recon.operators.types.ScoredWindow;
import dev.recon.operators.types.ScorerInput;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
 * an unflushed batch are rebuilt from the replayed input. Nothing is lost. (The batching, flushing,
 * watermark holding and hot swap are {@link AbstractMicroBatchScorer}'s, shared with the image
 * scorer.)
 *
 * <p>Windows arrive raw and are normalised here with the model that scores them, the same way
 * {@link dev.recon.model.scoring.SeriesScorer} does offline, so streamed and offline scores agree.
 * One model and one {@link dev.recon.model.scoring.ReconstructionScorer} per subtask, loaded in
 * {@link #open}; each batch crosses into libtorch as one array and is released when the call returns.
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
 * Announcements may also arrive on the single input, in order with the windows
 * ({@link ModelAnnouncement}s relayed by {@link dev.recon.operators.window.WindowAssemblerWithUpdates}):
 * then the scorer is chained to the window assembler and windows are handed over without being
 * serialized.
 */
public class MicroBatchScorer extends AbstractMicroBatchScorer<ScorerInput, ScoredWindow> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchScorer.class);

    /** See {@link ReconMetrics#POOLED_STATISTICS_SENSORS}. */
    public static final String POOLED_STATISTICS_SENSORS = ReconMetrics.POOLED_STATISTICS_SENSORS;
    /** See {@link ReconMetrics#POOLED_STATISTICS_SENSORS_ACCUMULATOR}. */
    public static final String POOLED_STATISTICS_SENSORS_ACCUMULATOR = ReconMetrics.POOLED_STATISTICS_SENSORS_ACCUMULATOR;

    /** The shared statistics; for a per-sensor bundle the pooled ones, for sensors it has none of. */
    private transient ZScoreNormalizer normalizer;
    /** A per-sensor bundle's own statistics of each sensor; empty for shared normalisation. */
    private transient Map<String, ZScoreNormalizer> sensorNormalizers;
    /** Sensors already counted and logged as normalised with the pooled statistics by the serving model. */
    private transient Set<String> pooledSensors;
    private transient EventCounter pooledSensorsCounter;
    /** The serving model's channel names, shared by every window it scores (records are read-only). */
    private transient String[] channelNames;

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
        super(bundlePath, maxBatchSize, maxWaitMs, emitDenoised, sensorLabelLimit);
    }

    @Override
    protected void installed(LoadedModel loaded) {
        normalizer = loaded.normalizer();
        sensorNormalizers = loaded.manifest().normalization().sensorNormalizers();
        pooledSensors = new HashSet<>();
        channelNames = loaded.manifest().input().channels().toArray(new String[0]);
    }

    /**
     * The statistics {@code sensorId}'s windows are normalised (and reconstructions denormalised)
     * with: its own when the bundle has per-sensor statistics of it, the shared (pooled) ones
     * otherwise, as {@link dev.recon.model.scoring.SeriesScorer#forSensor} does offline. A sensor a
     * per-sensor bundle does not know is counted and logged once.
     */
    private ZScoreNormalizer normalizerOf(String sensorId) {
        if (sensorNormalizers.isEmpty()) {
            return normalizer;
        }
        ZScoreNormalizer own = sensorNormalizers.get(sensorId);
        if (own != null) {
            return own;
        }
        if (pooledSensors.add(sensorId)) {
            if (pooledSensorsCounter == null) {
                pooledSensorsCounter = EventCounter.register(getRuntimeContext(),
                        getRuntimeContext().getMetricGroup().addGroup(ReconMetrics.MODEL, manifest().name()),
                        POOLED_STATISTICS_SENSORS, POOLED_STATISTICS_SENSORS_ACCUMULATOR);
            }
            pooledSensorsCounter.inc();
            LOG.warn("Model '{}' version {} has per-sensor statistics of {} sensors but none of '{}': its windows are"
                            + " normalised with the statistics pooled over them (retrain with this sensor's data to"
                            + " give it its own)", manifest().name(), manifest().version(), sensorNormalizers.size(),
                    sensorId);
        }
        return normalizer;
    }

    /** Why a new bundle cannot replace the serving one, or null if it can. */
    @Override
    protected String incompatibility(BundleManifest serving, BundleManifest next) {
        if (next.input().imageInput()) {
            return "model '" + next.name() + "' takes images, not windows of readings; run it in the image job";
        }
        if (serving == null) {
            return null;
        }
        if (!next.input().channels().equals(serving.input().channels())
                || next.input().windowLength() != serving.input().windowLength()
                || next.input().stride() != serving.input().stride()) {
            return "input " + next.input().channels() + " x " + next.input().windowLength() + " (stride "
                    + next.input().stride() + ") differs from the serving " + serving.input().channels() + " x "
                    + serving.input().windowLength() + " (stride " + serving.input().stride()
                    + "); windows in state would not fit: deploy it as a new job";
        }
        return null;
    }

    @Override
    public void processElement(StreamRecord<ScorerInput> element) throws Exception {
        if (element.getValue() instanceof ModelAnnouncement announcement) {
            modelAnnounced(announcement.json());
        } else {
            super.processElement(element);
        }
    }

    /** The window an element to score is ({@link #processElement} takes announcements out before). */
    private static RawWindow window(ScorerInput element) {
        return (RawWindow) element;
    }

    @Override
    protected void append(ScorerInput element, float[] batch, int offset) {
        RawWindow window = window(element);
        int width = windowSize();
        if (window.values().length != width || window.channels() != channelNames.length) {
            throw new IllegalStateException("window of " + window.sensorId() + " has " + window.values().length
                    + " values of " + window.channels() + " channels but model '" + manifest().name() + "' takes "
                    + width + " of " + channelNames.length);
        }
        normalizerOf(window.sensorId()).normalizeSteps(window.values(), 0, window.timestamps().length, batch, offset);
    }

    @Override
    protected void emit(ScorerInput element, WindowScore score, float[] reconstruction, int offset, long nowMs) {
        RawWindow window = window(element);
        ScoredWindow scored = ScoredWindows.of(window.sensorId(), window.timestamps(), window.values(), score,
                manifest(), channelNames);
        metrics().windowScored(scored.sensorId(), scored.score(), scored.threshold(), scored.anomalous(), nowMs,
                scored.windowEnd());
        output.collect(new StreamRecord<>(scored, window.end()));
        if (emitDenoised()) {
            output.collect(DenoisedWindow.OUTPUT_TAG,
                    new StreamRecord<>(denoised(window, reconstruction, offset), window.end()));
        }
    }

    private DenoisedWindow denoised(RawWindow window, float[] reconstruction, int offset) {
        int channels = channelNames.length;
        double[] values = new double[window.values().length];
        ZScoreNormalizer sensorNormalizer = normalizerOf(window.sensorId());
        for (int k = 0; k < values.length; k++) {
            values[k] = sensorNormalizer.denormalize(k % channels, reconstruction[offset + k]);
        }
        BundleManifest manifest = manifest();
        return new DenoisedWindow(window.sensorId(), window.timestamps(), channelNames, values, manifest.name(),
                manifest.version());
    }
}
