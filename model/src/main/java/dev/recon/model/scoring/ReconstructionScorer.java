package dev.recon.model.scoring;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.recon.model.bundle.LoadedModel;
import java.util.Arrays;

/**
 * Reconstructs batches of windows (or images) with a loaded model and scores each by
 * reconstruction error.
 *
 * <p>One scorer holds one DJL {@link Predictor}, which is not thread-safe: give each thread (each
 * Flink subtask) its own. The whole batch crosses into libtorch as one array and comes back as one
 * {@code float[]}, so native memory lives only for the duration of a call.
 */
public final class ReconstructionScorer implements AutoCloseable {

    private final LoadedModel model;
    private final Predictor<Batch, float[]> predictor;
    private final int steps;
    private final int channels;
    private final boolean image;

    /** A scorer over {@code model}; the caller keeps ownership of the model. */
    public ReconstructionScorer(LoadedModel model) {
        this.model = model;
        this.steps = model.manifest().input().windowLength();
        this.channels = model.manifest().input().channels().size();
        this.image = model.manifest().input().imageInput();
        this.predictor = model.djlModel().newPredictor(new BatchTranslator());
    }

    /** Flattened size of one window ({@code steps * channels}). */
    public int windowSize() {
        return steps * channels;
    }

    /**
     * Reconstructs {@code count} windows laid out one after another in {@code windows}.
     *
     * @return the reconstructions, same layout
     */
    public float[] reconstruct(float[] windows, int count) {
        if (count < 1 || windows.length < count * windowSize()) {
            throw new IllegalArgumentException(
                    "expected " + count + " windows of " + windowSize() + " values, got an array of "
                            + windows.length);
        }
        try {
            return predictor.predict(new Batch(windows, count, windowSize()));
        } catch (TranslateException e) {
            throw new IllegalStateException("model '" + model.manifest().name() + "' failed to run", e);
        }
    }

    /** Scores {@code count} windows laid out one after another in {@code windows}. */
    public WindowScore[] score(float[] windows, int count) {
        float[] reconstruction = reconstruct(windows, count);
        WindowScore[] scores = new WindowScore[count];
        for (int i = 0; i < count; i++) {
            scores[i] = image
                    ? WindowScore.ofImage(windows, reconstruction, i * windowSize(), channels, steps)
                    : WindowScore.of(windows, reconstruction, i * windowSize(), steps, channels);
        }
        return scores;
    }

    /** Scores a single window. */
    public WindowScore score(float[] window) {
        return score(window, 1)[0];
    }

    @Override
    public void close() {
        predictor.close();
    }

    /** A batch of flattened windows: the translator's input. */
    private record Batch(float[] data, int count, int width) {}

    /** Moves a whole batch in and out of libtorch in one copy each way. */
    private static final class BatchTranslator implements Translator<Batch, float[]> {

        @Override
        public NDList processInput(TranslatorContext ctx, Batch batch) {
            int size = batch.count() * batch.width();
            // create() wants exactly as many values as the shape holds; reused buffers may be longer.
            float[] data = batch.data().length == size ? batch.data() : Arrays.copyOf(batch.data(), size);
            return new NDList(ctx.getNDManager().create(data, new Shape(batch.count(), batch.width())));
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            return list.singletonOrThrow().toFloatArray();
        }

        @Override
        public Batchifier getBatchifier() {
            return null; // the input already is a batch
        }
    }
}
