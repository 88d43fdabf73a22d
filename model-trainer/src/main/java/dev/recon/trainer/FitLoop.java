package dev.recon.trainer;

import ai.djl.Model;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.recon.model.bundle.TrainingSummary.EpochMetrics;
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
 * The training loop every autoencoder kind shares: Adam on an L2 reconstruction loss over
 * shuffled mini-batches, optional input corruption (denoising), validation after every epoch,
 * early stopping, and the best epoch's parameters restored at the end.
 *
 * <p>Examples are flattened rows of {@code width} values laid one after another in a
 * {@code float[]}; the block maps {@code (batch, width)} to {@code (batch, width)}. The
 * validation loss is the mean of {@code error} over the validation examples, the same error the
 * threshold is calibrated on.
 */
final class FitLoop {

    /** Reconstruction error of one example, as serving computes it. */
    @FunctionalInterface
    interface ExampleError {
        /** Error of the example at {@code offset} in both arrays. */
        double of(float[] input, float[] reconstruction, int offset);
    }

    /**
     * Optimisation settings.
     *
     * @param learningRate Adam learning rate
     * @param batchSize examples per step
     * @param maxEpochs epoch limit
     * @param patience epochs without validation improvement before stopping
     * @param seed seed of the shuffling and the corruption noise
     * @param denoising input corruption
     */
    record Settings(double learningRate, int batchSize, int maxEpochs, int patience, long seed, Denoising denoising) {}

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

    /** Trains {@code model}'s block on {@code train} and leaves the best epoch's parameters in it. */
    static Outcome fit(Model model, float[] train, float[] validation, int width, Settings settings,
            ExampleError error, TrainingProgress progress) {
        long started = System.nanoTime();
        Block block = model.getBlock();
        int trainCount = train.length / width;
        int validationCount = validation.length / width;
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(new L2Loss("mse", 1f))
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed((float) settings.learningRate()))
                        .build())
                .optDevices(new ai.djl.Device[] {model.getNDManager().getDevice()});
        List<EpochMetrics> history = new ArrayList<>();
        int bestEpoch = 0;
        double bestValidation = Double.POSITIVE_INFINITY;
        byte[] bestParameters = null;
        float[] range = range(train);
        try (Trainer trainer = model.newTrainer(trainingConfig)) {
            trainer.initialize(new Shape(settings.batchSize(), width));
            Random shuffle = new Random(settings.seed());
            // A separate stream, so that turning denoising on does not change the shuffling.
            Random noise = new Random(settings.seed() * 31 + 17);
            int[] order = new int[trainCount];
            for (int i = 0; i < trainCount; i++) {
                order[i] = i;
            }
            for (int epoch = 1; epoch <= settings.maxEpochs(); epoch++) {
                long epochStart = System.nanoTime();
                shuffleInPlace(order, shuffle);
                double trainLoss = trainEpoch(trainer, train, order, width, settings, range, noise);
                double validationLoss = mean(errors(model, validation, validationCount, width, error));
                boolean improved = validationLoss < bestValidation;
                if (improved) {
                    bestValidation = validationLoss;
                    bestEpoch = epoch;
                    bestParameters = snapshot(block);
                }
                EpochMetrics metrics = new EpochMetrics(epoch, trainLoss, validationLoss,
                        (System.nanoTime() - epochStart) / 1e9);
                history.add(metrics);
                progress.epoch(metrics, settings.maxEpochs(), improved);
                if (epoch - bestEpoch >= settings.patience()) {
                    break;
                }
            }
        }
        restore(block, model.getNDManager(), bestParameters);
        return new Outcome(history, bestEpoch, (System.nanoTime() - started) / 1e9);
    }

    private static double trainEpoch(Trainer trainer, float[] data, int[] order, int width, Settings settings,
            float[] range, Random noise) {
        int batchSize = settings.batchSize();
        Denoising denoising = settings.denoising();
        double sum = 0;
        float[] batch = new float[batchSize * width];
        float[] noisy = denoising.enabled() ? new float[batchSize * width] : null;
        for (int start = 0; start < order.length; start += batchSize) {
            int n = Math.min(batchSize, order.length - start);
            for (int k = 0; k < n; k++) {
                System.arraycopy(data, order[start + k] * width, batch, k * width, width);
            }
            // Each step's arrays live in their own manager and are freed at once (GPU memory).
            try (NDManager manager = trainer.getManager().newSubManager()) {
                Shape shape = new Shape(n, width);
                NDArray clean = manager.create(n == batchSize ? batch : Arrays.copyOf(batch, n * width), shape);
                NDArray input = clean;
                if (noisy != null) {
                    denoising.corrupt(batch, noisy, n * width, range[0], range[1], noise);
                    input = manager.create(n == batchSize ? noisy : Arrays.copyOf(noisy, n * width), shape);
                }
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray prediction = trainer.forward(new NDList(input)).singletonOrThrow();
                    NDArray loss = trainer.getLoss().evaluate(new NDList(clean), new NDList(prediction));
                    collector.backward(loss);
                    sum += loss.getFloat() * n;
                }
                step(trainer);
            }
        }
        return sum / order.length;
    }

    private static void step(Trainer trainer) {
        try {
            trainer.step();
        } catch (IllegalStateException e) {
            // DJL refuses a first step whose gradients are all exactly zero. That happens when the
            // training signal is constant: the model already reconstructs it perfectly, so there is
            // nothing to update. DJL checks again at the next step; anything else is rethrown.
            if (e.getMessage() == null || !e.getMessage().startsWith("Gradient values are all zeros")) {
                throw e;
            }
        }
    }

    /** Per-example errors with the current parameters, in chunks of 512 examples. */
    static double[] errors(Model model, float[] data, int count, int width, ExampleError error) {
        double[] errors = new double[count];
        int chunk = 512;
        for (int start = 0; start < count; start += chunk) {
            int n = Math.min(chunk, count - start);
            float[] slice = Arrays.copyOfRange(data, start * width, (start + n) * width);
            float[] recon = reconstruct(model, slice, n, width);
            for (int k = 0; k < n; k++) {
                errors[start + k] = error.of(slice, recon, k * width);
            }
        }
        return errors;
    }

    /** Reconstructions of {@code n} examples with the current parameters (inference mode). */
    static float[] reconstruct(Model model, float[] examples, int n, int width) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(examples, new Shape(n, width));
            return model.getBlock()
                    .forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
        }
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static float[] range(float[] data) {
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
