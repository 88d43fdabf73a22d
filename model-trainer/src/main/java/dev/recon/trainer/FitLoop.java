package dev.recon.trainer;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.recon.model.arch.LatentEncoder;
import dev.recon.model.bundle.InputSpec;
import dev.recon.model.bundle.ScoreSpec;
import dev.recon.model.bundle.TrainingSummary.EpochMetrics;
import dev.recon.model.scoring.LatentReferences;
import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.scoring.WindowScore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The training loop every autoencoder kind shares: shuffled mini-batches, optional input
 * corruption (denoising), validation after every epoch, early stopping, and the best epoch's
 * parameters restored at the end. What each step optimises, and with which optimisers, is the
 * {@link TrainingObjective}'s.
 *
 * <p>Examples are flattened rows of {@code width} values laid one after another in a
 * {@code float[]}; the block maps {@code (batch, width)} to a reconstruction of that shape (its
 * first output). The validation loss is the mean score of the validation examples, computed by the
 * {@link ReconstructionScorer} with the bundle's score function, so it is exactly what serving and
 * the threshold calibration compute. A conditional model ({@code cvae}) also reads each example's
 * condition index, given alongside the examples.
 */
final class FitLoop {

    /** Examples per scoring pass. */
    private static final int SCORING_CHUNK = 512;

    /**
     * How serving will score an example: the bundle's input layout and score function.
     *
     * @param input the layout of the examples
     * @param score the score function
     */
    record Scoring(InputSpec input, ScoreSpec score, LatentReferences references) {

        Scoring(InputSpec input, ScoreSpec score) {
            this(input, score, null);
        }

        /**
         * What early stopping compares: the score, except that {@code latent-knn} (whose references
         * exist only once the model is trained) is fitted on the reconstruction error.
         */
        Scoring forFitting() {
            return score.latent() ? new Scoring(input, ScoreSpec.mse()) : this;
        }

        /** This scoring against the trained model's latent references ({@code latent-knn}). */
        Scoring withReferences(LatentReferences codes) {
            return new Scoring(input, score, codes);
        }
    }

    /**
     * Optimisation settings.
     *
     * @param batchSize examples per step
     * @param maxEpochs epoch limit
     * @param patience epochs without validation improvement before stopping
     * @param seed seed of the shuffling and the corruption noise
     * @param denoising input corruption
     */
    record Settings(int batchSize, int maxEpochs, int patience, long seed, Denoising denoising) {}

    /**
     * What the loop did.
     *
     * @param history losses of every epoch
     * @param bestEpoch 1-based epoch whose parameters were restored
     * @param seconds wall-clock time
     */
    record Outcome(List<EpochMetrics> history, int bestEpoch, double seconds) {
        EpochMetrics best() {
            return history.get(bestEpoch - 1);
        }
    }

    private FitLoop() {}

    /**
     * Trains {@code model}'s block on {@code train} with {@code objective} and leaves the best
     * epoch's parameters in it; the caller closes the objective.
     */
    static Outcome fit(Model model, TrainingObjective objective, float[] train, float[] validation, int width,
            Settings settings, Scoring scoring, TrainingProgress progress) {
        return fit(model, objective, train, null, validation, null, width, settings, scoring, progress);
    }

    /**
     * Trains a conditional model: as above, each example with its condition index.
     *
     * @param trainConditions the condition of each training example; {@code null} for an unconditional model
     * @param validationConditions the condition of each validation example; likewise
     */
    static Outcome fit(Model model, TrainingObjective objective, float[] train, int[] trainConditions,
            float[] validation, int[] validationConditions, int width, Settings settings, Scoring scoring,
            TrainingProgress progress) {
        long started = System.nanoTime();
        Block block = model.getBlock();
        int trainCount = train.length / width;
        int validationCount = validation.length / width;
        List<EpochMetrics> history = new ArrayList<>();
        int bestEpoch = 0;
        int firstSettled = 0;
        double bestValidation = Double.POSITIVE_INFINITY;
        byte[] bestParameters = null;
        float[] range = range(train);
        objective.initialize(new Shape(settings.batchSize(), width));
        Random shuffle = new Random(settings.seed());
        // A separate stream, so that turning denoising on does not change the shuffling.
        Random noise = new Random(settings.seed() * 31 + 17);
        int[] order = new int[trainCount];
        for (int i = 0; i < trainCount; i++) {
            order[i] = i;
        }
        for (int epoch = 1; epoch <= settings.maxEpochs(); epoch++) {
            long epochStart = System.nanoTime();
            objective.beginEpoch(epoch);
            shuffleInPlace(order, shuffle);
            double trainLoss = trainEpoch(model, objective, train, trainConditions, order, width, settings, range,
                    noise);
            double validationLoss = mean(errors(model, validation, validationConditions, validationCount,
                    scoring.forFitting()));
            boolean settled = objective.settled(epoch);
            if (settled && firstSettled == 0) {
                firstSettled = epoch;
            }
            boolean improved = settled && validationLoss < bestValidation;
            if (improved) {
                bestValidation = validationLoss;
                bestEpoch = epoch;
                bestParameters = snapshot(block);
            }
            EpochMetrics metrics = new EpochMetrics(epoch, trainLoss, validationLoss,
                    (System.nanoTime() - epochStart) / 1e9);
            history.add(metrics);
            progress.epoch(metrics, settings.maxEpochs(), improved);
            // Patience counts from the best epoch, or from the first settled one while none improved.
            if (settled && epoch - Math.max(bestEpoch, firstSettled - 1) >= settings.patience()) {
                break;
            }
        }
        if (bestParameters == null) {
            throw new IllegalStateException(firstSettled == 0
                    ? "no epoch of " + settings.maxEpochs() + " trained with the final objective; raise --epochs"
                            + " above the KL annealing epochs"
                    : "training gave no finite validation loss in " + history.size() + " epochs (last: "
                            + history.get(history.size() - 1).validationLoss() + "); it diverged: lower --learning-rate");
        }
        restore(block, model.getNDManager(), bestParameters);
        return new Outcome(history, bestEpoch, (System.nanoTime() - started) / 1e9);
    }

    private static double trainEpoch(Model model, TrainingObjective objective, float[] data, int[] conditions,
            int[] order, int width, Settings settings, float[] range, Random noise) {
        int batchSize = settings.batchSize();
        Denoising denoising = settings.denoising();
        double sum = 0;
        float[] batch = new float[batchSize * width];
        float[] noisy = denoising.enabled() ? new float[batchSize * width] : null;
        int[] batchConditions = conditions != null ? new int[batchSize] : null;
        for (int start = 0; start < order.length; start += batchSize) {
            int n = Math.min(batchSize, order.length - start);
            for (int k = 0; k < n; k++) {
                System.arraycopy(data, order[start + k] * width, batch, k * width, width);
                if (batchConditions != null) {
                    batchConditions[k] = conditions[order[start + k]];
                }
            }
            // Each step's arrays live in their own manager and are freed at once (GPU memory).
            try (NDManager manager = model.getNDManager().newSubManager()) {
                Shape shape = new Shape(n, width);
                NDArray clean = manager.create(n == batchSize ? batch : Arrays.copyOf(batch, n * width), shape);
                NDArray input = clean;
                if (noisy != null) {
                    denoising.corrupt(batch, noisy, n * width, range[0], range[1], noise);
                    input = manager.create(n == batchSize ? noisy : Arrays.copyOf(noisy, n * width), shape);
                }
                sum += (batchConditions == null ? objective.step(input, clean)
                        : objective.step(input, manager.create(Arrays.copyOf(batchConditions, n)), clean)) * n;
            }
        }
        return sum / order.length;
    }

    /**
     * Scores of {@code count} examples with the current parameters, as serving computes them, in
     * chunks of {@value #SCORING_CHUNK} examples.
     */
    static double[] errors(Model model, float[] data, int count, Scoring scoring) {
        return errors(model, data, null, count, scoring);
    }

    /**
     * Scores of {@code count} examples of a conditional model, each under its condition
     * ({@code conditions} null for an unconditional model).
     */
    static double[] errors(Model model, float[] data, int[] conditions, int count, Scoring scoring) {
        double[] errors = new double[count];
        int width = scoring.input().windowSize();
        // A new scorer each time: a predictor caches parameter arrays, which restoring an epoch replaces.
        try (ReconstructionScorer scorer = new ReconstructionScorer(model, scoring.input(), scoring.score(),
                scoring.references())) {
            for (int start = 0; start < count; start += SCORING_CHUNK) {
                int n = Math.min(SCORING_CHUNK, count - start);
                float[] slice = Arrays.copyOfRange(data, start * width, (start + n) * width);
                WindowScore[] scores = scorer.score(slice,
                        conditions == null ? null : Arrays.copyOfRange(conditions, start, start + n), n);
                for (int k = 0; k < n; k++) {
                    errors[start + k] = scores[k].score();
                }
            }
        }
        return errors;
    }

    /**
     * The latent codes of {@code count} training examples with the trained parameters, for
     * {@code latent-knn}: all of them, or a seeded sample of {@link LatentReferences#MAX_CODES}.
     */
    static LatentReferences latentReferences(Model model, float[] data, int count, int width, long seed) {
        int[] picked = new int[count];
        for (int i = 0; i < count; i++) {
            picked[i] = i;
        }
        if (count > LatentReferences.MAX_CODES) {
            shuffleInPlace(picked, new Random(seed));
            picked = Arrays.copyOf(picked, LatentReferences.MAX_CODES);
            Arrays.sort(picked);
        }
        LatentEncoder encoder = (LatentEncoder) model.getBlock();
        int size = encoder.latentSize();
        float[] codes = new float[picked.length * size];
        float[] chunk = new float[SCORING_CHUNK * width];
        for (int start = 0; start < picked.length; start += SCORING_CHUNK) {
            int n = Math.min(SCORING_CHUNK, picked.length - start);
            for (int k = 0; k < n; k++) {
                System.arraycopy(data, picked[start + k] * width, chunk, k * width, width);
            }
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDArray input = manager.create(Arrays.copyOf(chunk, n * width), new Shape(n, width));
                float[] encoded = encoder.encode(new ParameterStore(manager, false), input).toFloatArray();
                System.arraycopy(encoded, 0, codes, start * size, n * size);
            }
        }
        return new LatentReferences(codes, picked.length, size);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Smallest and largest value of {@code data}. */
    static float[] range(float[] data) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : data) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new float[] {min, max};
    }

    private static byte[] snapshot(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void restore(Block block, NDManager manager, byte[] parameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("cannot restore the best epoch's parameters", e);
        }
    }

    private static void shuffleInPlace(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
