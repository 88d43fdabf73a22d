package dev.recon.operators.scoring;

import dev.recon.model.arch.ConditionalModelSpec;
import dev.recon.model.arch.Conditions;
import dev.recon.model.bundle.BundleFormatException;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.WindowScore;
import dev.recon.operators.image.ImageShape;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.DenoisedImage;
import dev.recon.operators.types.ScaledImage;
import dev.recon.operators.types.ScoredImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Scores images in micro-batches with an image model ({@code conv2d}); batching, flushing before
 * checkpoints, watermark holding and model hot swap are {@link AbstractMicroBatchScorer}'s, exactly
 * as for windows.
 *
 * <p>Images arrive as the model's input ({@link ScaledImage}: converted, resized and scaled by
 * {@link dev.recon.operators.image.ImageParser}), so the score is the one
 * {@code dev.recon.trainer.offline.ScoredImages} computes offline: the bundle's score function, by
 * default the mean squared error over every pixel and channel ({@link WindowScore#ofImage}). Each {@link ScoredImage} also says where the
 * error is: the error of each colour channel, the pixel with the largest error (averaged over
 * channels) and a coarse {@link ErrorGrid} of at most {@code errorGrid x errorGrid} cells. With
 * {@code emitDenoised}, the reconstruction goes to the {@link DenoisedImage#OUTPUT_TAG} side output.
 *
 * <p>A conditional model ({@code cvae}) scores each image under its {@link ScaledImage#condition()},
 * which {@link dev.recon.operators.image.ImageParser} read from the message with the model's
 * conditions (images without a usable one never reach the scorer); its {@link ScoredImage#condition()} is
 * that condition's name ({@link Conditions#label}), so the anomaly event says what the image claimed to be.
 *
 * <p>A swapped-in bundle must read the same shape (channels, height, width), and have the same
 * conditions (or none, like the serving one): images are converted, and their labels mapped to
 * conditions, for the serving bundle before they reach the scorer.
 */
public class ImageScorer extends AbstractMicroBatchScorer<ScaledImage, ScoredImage> {

    private static final long serialVersionUID = 1L;

    /** Default cells per side of the error grid. */
    public static final int DEFAULT_ERROR_GRID = 4;

    private final int errorGrid;
    private final String configuredBundle;

    private transient ImageShape shape;
    private transient String[] channelNames;
    /** The serving model's conditions; null for an unconditional model. */
    private transient Conditions conditions;

    /**
     * A scorer.
     *
     * @param bundlePath the image model bundle (directory or .zip), present on every TaskManager
     * @param maxBatchSize images per forward pass at most
     * @param maxWaitMs processing time an image may wait for its batch to fill
     * @param emitDenoised whether reconstructions go to the {@link DenoisedImage#OUTPUT_TAG} side output
     * @param sensorLabelLimit most sources named in per-sensor metrics per subtask (the rest are {@code other})
     * @param errorGrid cells per side of the error grid in each {@link ScoredImage}
     */
    public ImageScorer(String bundlePath, int maxBatchSize, long maxWaitMs, boolean emitDenoised,
            int sensorLabelLimit, int errorGrid) {
        super(bundlePath, maxBatchSize, maxWaitMs, emitDenoised, sensorLabelLimit);
        if (errorGrid < 1) {
            throw new IllegalArgumentException("errorGrid must be >= 1 cell per side, got " + errorGrid);
        }
        this.errorGrid = errorGrid;
        this.configuredBundle = bundlePath;
    }

    /** A scorer with the default metric label limit and error grid; the other parameters as above. */
    public ImageScorer(String bundlePath, int maxBatchSize, long maxWaitMs, boolean emitDenoised) {
        this(bundlePath, maxBatchSize, maxWaitMs, emitDenoised, ReconMetrics.DEFAULT_SENSOR_LABEL_LIMIT,
                DEFAULT_ERROR_GRID);
    }

    @Override
    protected void installed(LoadedModel loaded) {
        shape = ImageShape.of(loaded.manifest().input());
        channelNames = loaded.manifest().input().channels().toArray(new String[0]);
        conditions = ConditionalModelSpec.of(loaded.manifest().architecture());
    }

    @Override
    protected String incompatibility(BundleManifest serving, BundleManifest next) {
        if (!next.input().imageInput()) {
            return "model '" + next.name() + "' takes '" + next.input().type()
                    + "' windows, not images; run it in the time-series job";
        }
        try {
            ImageShape.of(next.input());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        Conditions nextConditions = ConditionalModelSpec.of(next.architecture());
        Conditions servingConditions;
        if (serving == null) {
            // Opening: the parser maps labels with the configured bundle's conditions, and a restored job
            // may serve a bundle swapped in since; it must have the same.
            if (nextConditions == null) {
                return null;
            }
            try {
                servingConditions = ConditionalModelSpec.of(
                        ModelBundle.load(Path.of(configuredBundle)).manifest().architecture());
            } catch (BundleFormatException e) {
                return e.getMessage();
            }
        } else {
            servingConditions = ConditionalModelSpec.of(serving.architecture());
        }
        if (!Objects.equals(nextConditions, servingConditions)) {
            return "conditions " + describe(nextConditions) + " differ from the " + (serving == null ? "configured"
                    : "serving") + " model's " + describe(servingConditions) + "; image labels are mapped to those"
                    + " conditions before scoring: deploy it as a new job";
        }
        if (serving == null) {
            return null;
        }
        if (!next.input().shape().equals(serving.input().shape())
                || !next.input().channels().equals(serving.input().channels())) {
            return "input " + next.input().channels() + " " + next.input().shape()
                    + " [channels, height, width] differs from the serving " + serving.input().channels() + " "
                    + serving.input().shape() + "; images are converted to the serving shape before scoring: "
                    + "deploy it as a new job";
        }
        return null;
    }

    private static String describe(Conditions conditions) {
        return conditions == null ? "(none: not a conditional model)" : conditions.describe();
    }

    @Override
    protected int condition(ScaledImage image) {
        if (!image.conditioned()) {
            throw new IllegalStateException("image of " + image.sourceId() + " (" + image.origin() + ") has no"
                    + " condition, but model '" + manifest().name() + "' is conditional; the image parser must be"
                    + " built with the model's conditions");
        }
        return image.condition();
    }

    @Override
    protected void append(ScaledImage image, float[] batch, int offset) {
        if (image.pixels().length != windowSize()) {
            throw new IllegalStateException("image of " + image.sourceId() + " has " + image.pixels().length
                    + " values but model '" + manifest().name() + "' takes " + shape + " = " + windowSize());
        }
        System.arraycopy(image.pixels(), 0, batch, offset, windowSize());
    }

    @Override
    protected void emit(ScaledImage image, WindowScore score, float[] reconstruction, int offset, long nowMs) {
        BundleManifest manifest = manifest();
        int peak = score.peakStep();
        ErrorGrid grid = ErrorGrid.of(score.stepErrors(), shape.height(), shape.width(), errorGrid);
        boolean anomalous = manifest.threshold().isAnomalous(score.score());
        ScoredImage scored = new ScoredImage(image.sourceId(), image.ts(), score.score(), manifest.threshold().value(),
                anomalous, channelNames.clone(), score.channelErrors().clone(), peak / shape.width(),
                peak % shape.width(), score.stepErrors()[peak], grid.rows(), grid.cols(), grid.errors(),
                manifest.name(), manifest.version(),
                conditions != null && image.conditioned() ? conditions.label(image.condition()) : null);
        metrics().windowScored(scored.sourceId(), scored.score(), scored.threshold(), anomalous, nowMs, image.ts());
        output.collect(new StreamRecord<>(scored, image.ts()));
        if (emitDenoised()) {
            DenoisedImage denoised = new DenoisedImage(image.sourceId(), image.ts(), shape.channels(), shape.height(),
                    shape.width(), Arrays.copyOfRange(reconstruction, offset, offset + windowSize()),
                    manifest.name(), manifest.version());
            output.collect(DenoisedImage.OUTPUT_TAG, new StreamRecord<>(denoised, image.ts()));
        }
    }
}
