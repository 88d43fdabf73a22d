package dev.recon.operators.scoring;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.window.ZScoreNormalizer;
import dev.recon.operators.metrics.EventCounter;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.DenoisedWindow;
import dev.recon.operators.types.RawWindow;
import dev.recon.operators.types.ScoredWindow;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
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
 */
public class MicroBatchScorer extends AbstractStreamOperator<ScoredWindow>
        implements OneInputStreamOperator<RawWindow, ScoredWindow>, ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchScorer.class);

    /** Default largest batch. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 64;
    /** Default longest wait of a window for its batch, in milliseconds. */
    public static final long DEFAULT_MAX_WAIT_MS = 50;

    private final String bundlePath;
    private final int maxBatchSize;
    private final long maxWaitMs;
    private final boolean emitDenoised;

    private transient LoadedModel model;
    private transient ReconstructionScorer scorer;
    private transient BundleManifest manifest;
    private transient ZScoreNormalizer normalizer;
    private transient float[] batch;
    private transient RawWindow[] windows;
    private transient double[] step;
    private transient int size;
    private transient boolean timerArmed;
    private transient EventCounter windowsScored;
    private transient EventCounter anomalies;

    /**
     * A scorer.
     *
     * @param bundlePath the model bundle (directory or .zip), present on every TaskManager
     * @param maxBatchSize windows per forward pass at most
     * @param maxWaitMs processing time a window may wait for its batch to fill
     * @param emitDenoised whether reconstructions go to the {@link DenoisedWindow#OUTPUT_TAG} side output
     */
    public MicroBatchScorer(String bundlePath, int maxBatchSize, long maxWaitMs, boolean emitDenoised) {
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
    public void open() throws Exception {
        super.open();
        model = ModelBundle.load(Path.of(bundlePath)).open();
        scorer = new ReconstructionScorer(model);
        manifest = model.manifest();
        normalizer = model.normalizer();
        batch = new float[maxBatchSize * scorer.windowSize()];
        windows = new RawWindow[maxBatchSize];
        step = new double[manifest.input().channels().size()];
        windowsScored = EventCounter.register(getRuntimeContext(),
                ReconMetrics.WINDOWS_SCORED, ReconMetrics.WINDOWS_SCORED_ACCUMULATOR);
        anomalies = EventCounter.register(getRuntimeContext(),
                ReconMetrics.ANOMALIES, ReconMetrics.ANOMALIES_ACCUMULATOR);
        LOG.info("Subtask {} scores with model '{}' version {} in batches of up to {} (max wait {} ms) from {}",
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), manifest.name(), manifest.version(),
                maxBatchSize, maxWaitMs, bundlePath);
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
    private void flush() {
        if (size == 0) {
            return;
        }
        int count = size;
        size = 0;
        int width = scorer.windowSize();
        int steps = manifest.input().windowLength();
        int channels = step.length;
        float[] reconstruction = scorer.reconstruct(batch, count);
        for (int i = 0; i < count; i++) {
            RawWindow window = windows[i];
            windows[i] = null;
            WindowScore score = WindowScore.of(batch, reconstruction, i * width, steps, channels);
            ScoredWindow scored = ScoredWindows.of(window.sensorId(), window.timestamps(), score, manifest);
            windowsScored.inc();
            if (scored.anomalous()) {
                anomalies.inc();
            }
            output.collect(new StreamRecord<>(scored, window.end()));
            if (emitDenoised) {
                output.collect(DenoisedWindow.OUTPUT_TAG,
                        new StreamRecord<>(denoised(window, reconstruction, i * width), window.end()));
            }
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
