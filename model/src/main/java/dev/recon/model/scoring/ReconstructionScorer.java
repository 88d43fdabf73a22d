package dev.recon.model.scoring;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.recon.model.arch.ConditionalVariationalAutoencoder;
import dev.recon.model.arch.Conditions;
import dev.recon.model.arch.KlDivergence;
import dev.recon.model.arch.LatentEncoder;
import dev.recon.model.arch.VariationalAutoencoder;
import dev.recon.model.bundle.InputSpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ScoreSpec;
import java.util.Arrays;
import java.util.Random;

/**
 * Reconstructs batches of windows (or images) with a loaded model and scores each with the
 * bundle's score function ({@link ScoreSpec}).
 *
 * <p>The reconstruction is always the first output of the model's inference pass (for a
 * variational model, that of the mean code); the per-channel and per-step errors of a
 * {@link WindowScore} are those of that reconstruction, whatever the score function. The same
 * scorer computes the validation errors during training, the threshold's calibration errors,
 * {@code recon score} and {@code recon evaluate}, so all of them agree.
 *
 * <p>A conditional model ({@code cvae}, {@link #conditional()}) reads a condition per example, its
 * class index: score it with the methods that take {@code conditions}, which the block receives as
 * a second input array. The methods without them refuse a conditional model, and those with them
 * an unconditional one, so a condition is never silently dropped or invented.
 *
 * <p>One scorer holds one DJL {@link Predictor}, which is not thread-safe: give each thread (each
 * Flink subtask) its own. The whole batch crosses into libtorch as one array and comes back as one
 * {@code float[]}, so native memory lives only for the duration of a call.
 */
public final class ReconstructionScorer implements AutoCloseable {

    private final String modelName;
    private final ScoreSpec function;
    private final Predictor<Batch, Output> predictor;
    private final int steps;
    private final int channels;
    private final boolean image;
    /** A conditional model's conditions; {@code null} for other models. */
    private final Conditions conditions;
    /** {@code recon-samples}: the standard normal noise of each sample, {@code [sample][latent]}, shared by every window. */
    private final float[][] noise;
    /** {@code latent-knn}: the training examples' codes; {@code null} for other functions. */
    private final LatentReferences references;

    /** A scorer over {@code model} with its bundle's score function; the caller keeps ownership of the model. */
    public ReconstructionScorer(LoadedModel model) {
        this(model.djlModel(), model.manifest().input(), model.manifest().score(), model.latentReferences(),
                model.manifest().name());
    }

    /**
     * A scorer over a model that has no bundle yet (training: validation and calibration errors);
     * the caller keeps ownership of the model.
     *
     * @param input the layout of the examples
     * @param function the score function the bundle will record
     */
    public ReconstructionScorer(Model model, InputSpec input, ScoreSpec function) {
        this(model, input, function, null, model.getName());
    }

    /**
     * A {@code latent-knn} scorer over a model that has no bundle yet (training: the threshold's
     * calibration), against the training examples' codes.
     */
    public ReconstructionScorer(Model model, InputSpec input, ScoreSpec function, LatentReferences references) {
        this(model, input, function, references, model.getName());
    }

    private ReconstructionScorer(Model model, InputSpec input, ScoreSpec function, LatentReferences references,
            String modelName) {
        this.modelName = modelName;
        this.function = function;
        this.steps = input.windowLength();
        this.channels = input.channels().size();
        this.image = input.imageInput();
        requireCompatible(model.getBlock(), function, references, modelName);
        this.references = references;
        this.conditions = model.getBlock() instanceof ConditionalVariationalAutoencoder cvae
                ? cvae.spec().conditioning() : null;
        if (function.function().equals(ScoreSpec.RECON_SAMPLES)) {
            int latent = model.getBlock() instanceof ConditionalVariationalAutoencoder cvae
                    ? cvae.latentSize() : ((VariationalAutoencoder) model.getBlock()).latentSize();
            Random random = new Random(function.seed());
            noise = new float[function.samples()][latent];
            for (float[] sample : noise) {
                for (int j = 0; j < latent; j++) {
                    sample[j] = (float) random.nextGaussian();
                }
            }
        } else {
            noise = null;
        }
        this.predictor = model.newPredictor(new BatchTranslator());
    }

    /**
     * Fails unless {@code model} can compute {@code function}: {@code recon-samples} and
     * {@code elbo} need the code's distribution, which only a variational model (plain or
     * conditional) has; {@code latent-knn} needs a model whose code can be read out (an
     * unconditional {@link LatentEncoder}) and the training codes, of the model's latent size.
     */
    public static void requireCompatible(Block block, ScoreSpec function, LatentReferences references,
            String modelName) {
        if (function.variational() && !(block instanceof VariationalAutoencoder)
                && !(block instanceof ConditionalVariationalAutoencoder)) {
            throw new IllegalArgumentException("score function '" + function.function() + "' needs a variational"
                    + " model (kind vae) or a conditional one (cvae), but model '" + modelName + "' is a "
                    + block.getClass().getSimpleName() + "; use mse");
        }
        if (!function.latent()) {
            return;
        }
        if (!(block instanceof LatentEncoder encoder) || block instanceof ConditionalVariationalAutoencoder) {
            throw new IllegalArgumentException("score function '" + function + "' needs a model whose latent code"
                    + " can be read out, but model '" + modelName + "' is a " + block.getClass().getSimpleName()
                    + "; use mse");
        }
        if (references == null) {
            throw new IllegalArgumentException("score function '" + function + "' of model '" + modelName
                    + "' needs the training examples' latent codes, and none were given");
        }
        if (references.size() != encoder.latentSize()) {
            throw new IllegalArgumentException("model '" + modelName + "' has codes of " + encoder.latentSize()
                    + " values, but its latent references have " + references.size());
        }
    }

    /** Whether the model reads a condition per example (a {@code cvae}); score it with the conditions. */
    public boolean conditional() {
        return conditions != null;
    }

    /** A conditional model's conditions; {@code null} for other models. */
    public Conditions conditions() {
        return conditions;
    }

    /** Flattened size of one window ({@code steps * channels}). */
    public int windowSize() {
        return steps * channels;
    }

    /** The score function this scorer computes. */
    public ScoreSpec function() {
        return function;
    }

    /**
     * Reconstructs {@code count} windows laid out one after another in {@code windows}.
     *
     * @return the reconstructions, same layout
     */
    public float[] reconstruct(float[] windows, int count) {
        return reconstruct(windows, null, count);
    }

    /**
     * Reconstructs {@code count} examples of a conditional model, each under its condition.
     *
     * @param conditions the condition index of each example, in {@code [0, conditions().count())};
     *     {@code null} for an unconditional model
     */
    public float[] reconstruct(float[] windows, int[] conditions, int count) {
        return run(windows, conditions, count, false).reconstruction();
    }

    /** Scores {@code count} windows laid out one after another in {@code windows}. */
    public WindowScore[] score(float[] windows, int count) {
        return scoreBatch(windows, count).scores();
    }

    /**
     * Scores {@code count} examples, each under its condition (a conditional model).
     *
     * @param conditions the condition index of each example; {@code null} for an unconditional model
     */
    public WindowScore[] score(float[] windows, int[] conditions, int count) {
        return scoreBatch(windows, conditions, count).scores();
    }

    /** Scores a single window. */
    public WindowScore score(float[] window) {
        return score(window, 1)[0];
    }

    /**
     * Scores {@code count} windows and returns their reconstructions too (one forward pass), for
     * callers that emit both, like the streaming operators.
     */
    public ScoredBatch scoreBatch(float[] windows, int count) {
        return scoreBatch(windows, null, count);
    }

    /**
     * Scores {@code count} examples, each under its condition, and returns their reconstructions too.
     *
     * @param conditions the condition index of each example, in {@code [0, conditions().count())}:
     *     required for a conditional model, {@code null} for any other
     * @throws IllegalArgumentException if conditions are missing for a conditional model, given for
     *     another, too few, or out of range
     */
    public ScoredBatch scoreBatch(float[] windows, int[] conditions, int count) {
        Output output = run(windows, conditions, count, true);
        float[] reconstruction = output.reconstruction();
        int width = windowSize();
        WindowScore[] scores = new WindowScore[count];
        for (int i = 0; i < count; i++) {
            WindowScore errors = image
                    ? WindowScore.ofImage(windows, reconstruction, i * width, channels, steps)
                    : WindowScore.of(windows, reconstruction, i * width, steps, channels);
            scores[i] = switch (function.function()) {
                case ScoreSpec.RECON_SAMPLES -> errors.withScore(output.sampleErrors()[i]);
                case ScoreSpec.LATENT_KNN -> errors.withScore(
                        references.score(output.codes(), i * references.size(), function.neighbours()));
                case ScoreSpec.ELBO -> errors.withScore(errors.score() + function.beta() * output.kl()[i] / width);
                default -> errors;
            };
        }
        return new ScoredBatch(reconstruction, scores);
    }

    private Output run(float[] windows, int[] conditionIndices, int count, boolean scored) {
        if (count < 1 || windows.length < count * windowSize()) {
            throw new IllegalArgumentException(
                    "expected " + count + " windows of " + windowSize() + " values, got an array of "
                            + windows.length);
        }
        checkConditions(conditionIndices, count);
        try {
            return predictor.predict(new Batch(windows, conditionIndices, count, windowSize(), scored));
        } catch (TranslateException e) {
            throw new IllegalStateException("model '" + modelName + "' failed to run", e);
        }
    }

    private void checkConditions(int[] conditionIndices, int count) {
        if (conditions == null) {
            if (conditionIndices != null) {
                throw new IllegalArgumentException("model '" + modelName + "' is not conditional, but conditions were"
                        + " given; score it without them");
            }
            return;
        }
        if (conditionIndices == null) {
            throw new IllegalArgumentException("model '" + modelName + "' is a conditional model (cvae): every example"
                    + " needs its condition, one of " + conditions.count() + " (labels " + conditions.describe()
                    + "), but none were given; offline, pass the images' labels (--labels), in the image job each"
                    + " message's 'label'");
        }
        if (conditionIndices.length < count) {
            throw new IllegalArgumentException("expected a condition for each of " + count + " examples, got "
                    + conditionIndices.length);
        }
        for (int i = 0; i < count; i++) {
            if (conditionIndices[i] < 0 || conditionIndices[i] >= conditions.count()) {
                throw new IllegalArgumentException("condition " + conditionIndices[i] + " of example " + i
                        + " is outside [0, " + conditions.count() + ") of model '" + modelName + "'");
            }
        }
    }

    @Override
    public void close() {
        predictor.close();
    }

    /**
     * Scores and reconstructions of one batch.
     *
     * @param reconstruction the reconstructions, laid out like the input
     * @param scores one per window, in order
     */
    public record ScoredBatch(float[] reconstruction, WindowScore[] scores) {}

    /**
     * A batch of flattened windows, with a conditional model's condition indices ({@code null}
     * otherwise): the translator's input; {@code scored} asks for the score function's extras.
     */
    private record Batch(float[] data, int[] conditions, int count, int width, boolean scored) {}

    /**
     * The translator's output: the reconstructions and, when the score function needs them, the KL
     * divergence ({@code elbo}), the sampled reconstruction errors ({@code recon-samples}) per window,
     * or the latent codes ({@code latent-knn}, laid out one after another).
     */
    private record Output(float[] reconstruction, double[] kl, double[] sampleErrors, float[] codes) {
        Output(float[] reconstruction, double[] kl, double[] sampleErrors) {
            this(reconstruction, kl, sampleErrors, null);
        }
    }

    /** Moves a whole batch in and out of libtorch in one copy each way (plus one per code sample). */
    private final class BatchTranslator implements Translator<Batch, Output> {

        private static final String BATCH = "batch";
        private static final String INPUT = "input";

        @Override
        public NDList processInput(TranslatorContext ctx, Batch batch) {
            ctx.setAttachment(BATCH, batch);
            int size = batch.count() * batch.width();
            // create() wants exactly as many values as the shape holds; reused buffers may be longer.
            float[] data = batch.data().length == size ? batch.data() : Arrays.copyOf(batch.data(), size);
            NDArray examples = ctx.getNDManager().create(data, new Shape(batch.count(), batch.width()));
            ctx.setAttachment(INPUT, examples); // latent-knn encodes the same array, not a second copy
            NDList input = new NDList(examples);
            if (batch.conditions() != null) {
                input.add(conditionArray(ctx.getNDManager(), batch));
            }
            return input;
        }

        /** The batch's condition indices as an {@code (N)} array. */
        private NDArray conditionArray(NDManager manager, Batch batch) {
            int[] indices = batch.conditions().length == batch.count()
                    ? batch.conditions() : Arrays.copyOf(batch.conditions(), batch.count());
            return manager.create(indices);
        }

        @Override
        public Output processOutput(TranslatorContext ctx, NDList list) {
            Batch batch = (Batch) ctx.getAttachment(BATCH);
            float[] reconstruction = list.get(0).toFloatArray();
            if (!batch.scored()) {
                return new Output(reconstruction, null, null);
            }
            return switch (function.function()) {
                case ScoreSpec.ELBO -> new Output(reconstruction, kl(list, batch.count()), null);
                case ScoreSpec.RECON_SAMPLES -> new Output(reconstruction, null, sampleErrors(ctx, list, batch));
                case ScoreSpec.LATENT_KNN -> new Output(reconstruction, null, null, codes(ctx));
                default -> new Output(reconstruction, null, null);
            };
        }

        /** The batch's latent codes (an encoder pass over the batch's input array), {@code (N, latent)} flattened. */
        private float[] codes(TranslatorContext ctx) {
            NDArray input = (NDArray) ctx.getAttachment(INPUT);
            try (NDManager scratch = ctx.getNDManager().newSubManager()) {
                return ((LatentEncoder) ctx.getBlock()).encode(new ParameterStore(scratch, false), input).toFloatArray();
            }
        }

        private double[] kl(NDList list, int count) {
            float[] mean = list.get(VariationalAutoencoder.MEAN).toFloatArray();
            float[] logVariance = list.get(VariationalAutoencoder.LOG_VARIANCE).toFloatArray();
            int latent = mean.length / count;
            double[] kl = new double[count];
            for (int i = 0; i < count; i++) {
                kl[i] = KlDivergence.of(mean, logVariance, i * latent, latent);
            }
            return kl;
        }

        /** Mean squared error per value, averaged over the reconstructions of every noise sample's code. */
        private double[] sampleErrors(TranslatorContext ctx, NDList list, Batch batch) {
            Block block = ctx.getBlock();
            NDArray mean = list.get(VariationalAutoencoder.MEAN);
            NDArray sigma = list.get(VariationalAutoencoder.LOG_VARIANCE).mul(0.5f).exp();
            ParameterStore parameters = new ParameterStore(ctx.getNDManager(), false);
            int count = batch.count();
            int width = batch.width();
            float[] input = batch.data();
            double[] sums = new double[count];
            for (float[] eps : noise) {
                // One sub-manager per sample: the arrays of L decoder passes are freed as they go.
                try (NDManager sample = ctx.getNDManager().newSubManager()) {
                    NDArray code = sample.create(eps, new Shape(1, eps.length)).mul(sigma).add(mean);
                    NDArray reconstruction = block instanceof ConditionalVariationalAutoencoder cvae
                            ? cvae.decode(parameters, code, conditionArray(sample, batch))
                            : ((VariationalAutoencoder) block).decode(parameters, code);
                    float[] decoded = reconstruction.toFloatArray();
                    for (int i = 0; i < count; i++) {
                        double sum = 0;
                        for (int k = i * width; k < (i + 1) * width; k++) {
                            double diff = (double) input[k] - decoded[k];
                            sum += diff * diff;
                        }
                        sums[i] += sum;
                    }
                }
            }
            double values = (double) noise.length * width;
            for (int i = 0; i < count; i++) {
                sums[i] /= values;
            }
            return sums;
        }

        @Override
        public Batchifier getBatchifier() {
            return null; // the input already is a batch
        }
    }
}
