package dev.recon.trainer;

import ai.djl.Model;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.recon.model.arch.ConvAutoencoderSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.FileDigest;
import dev.recon.model.bundle.InputSpec;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.NormalizationSpec;
import dev.recon.model.bundle.Provenance;
import dev.recon.model.bundle.ScoreSpec;
import dev.recon.model.bundle.TrainingSummary;
import dev.recon.model.bundle.TrainingSummary.EpochMetrics;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.threshold.DetectionMetrics;
import dev.recon.model.threshold.Threshold;
import dev.recon.trainer.data.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trains a convolutional autoencoder ({@code conv2d}) on images and writes a bundle.
 *
 * <p>One-class set-up: with {@link ImageTrainerConfig#normalClasses()} the images whose label is
 * one of them are normal, the others anomalous. The normal images are shuffled (seeded) and split:
 * {@code validationFraction} of them are held out, the rest are trained on. Early stopping and the
 * threshold use the held-out normal images only; the anomalous images are never trained or
 * calibrated on, and serve, with the held-out normal ones, to measure detection (precision,
 * recall, F1 at the threshold, and AUROC), stored in the manifest's {@code training.detection}.
 * Without normal classes every image is normal and there is no detection measurement.
 *
 * <p>Pixels are scaled to [0, 1]; the model ends in a sigmoid; the score is the mean squared
 * error over the image's pixels and channels.
 *
 * <pre>{@code
 * ImageSet images = IdxFiles.read(Path.of("train-images-idx3-ubyte.gz"), Path.of("train-labels-idx1-ubyte.gz"));
 * TrainingResult result = new ImageTrainer(ImageTrainerConfig.builder("fashion").optNormalClasses(List.of(0)).build(),
 *         TrainingProgress.SILENT).train(images, Path.of("models/fashion"));
 * }</pre>
 */
public final class ImageTrainer {

    private static final int SCORING_CHUNK = 1024;

    private final ImageTrainerConfig config;
    private final TrainingProgress progress;

    /** A trainer with the given settings, reporting to {@code progress}. */
    public ImageTrainer(ImageTrainerConfig config, TrainingProgress progress) {
        this.config = config;
        this.progress = progress;
    }

    /** Trains on {@code images} and writes the bundle to {@code out} (a directory or a .zip). */
    public TrainingResult train(ImageSet images, Path out) throws IOException {
        return train(images, null, out);
    }

    /**
     * Trains on {@code images} and writes the bundle to {@code out}.
     *
     * @param labelsFile where the labels came from, recorded in the provenance; may be null
     */
    public TrainingResult train(ImageSet images, Path labelsFile, Path out) throws IOException {
        Split split = split(images);
        config.threshold().requireEnoughErrors(split.validation().length, "held-out normal images");
        ConvAutoencoderSpec spec = new ConvAutoencoderSpec(images.channels(), images.height(), images.width(),
                config.filters(), config.decoder(), config.bottleneck(), config.activation(), ConvAutoencoderSpec.SIGMOID);
        int width = spec.inputSize();
        int channels = images.channels();
        int pixels = images.height() * images.width();
        float[] train = images.scaled(split.train());
        float[] validation = images.scaled(split.validation());
        Engine.getInstance().setRandomSeed((int) config.seed());
        try (Model model = Model.newInstance(config.name())) {
            model.setBlock(spec.newBlock());
            progress.started(String.format(
                    "training %s (%s decoder%s%s): %d training and %d validation images of %d x %d x %d%s on %s",
                    spec.kind(), spec.decoder(), spec.bottleneck() > 0 ? ", bottleneck " + spec.bottleneck() : "",
                    config.denoising().enabled() ? ", denoising " + config.denoising() : "",
                    split.train().length, split.validation().length, channels, images.height(), images.width(),
                    config.normalClasses().isEmpty() ? ""
                            : " (normal classes " + config.normalClasses() + "; " + split.anomalous().length
                                    + " images of other classes held out to measure detection)",
                    model.getNDManager().getDevice()));
            FitLoop.ExampleError error = (in, recon, offset) -> WindowScore.ofImage(in, recon, offset, channels, pixels).score();
            FitLoop.Outcome outcome = FitLoop.fit(model, train, validation, width,
                    new FitLoop.Settings(config.learningRate(), config.batchSize(), config.maxEpochs(),
                            config.patience(), config.seed(), config.denoising()),
                    error, progress);

            double[] validationErrors = FitLoop.errors(model, validation, split.validation().length, width, error);
            Threshold threshold = config.threshold().calibrator().calibrate(validationErrors,
                    split.validation().length + " held-out normal images of " + images.source());
            EpochMetrics best = outcome.best();
            List<EpochMetrics> history = outcome.history();
            TrainingSummary summary = new TrainingSummary("adam", config.learningRate(), config.batchSize(),
                    config.maxEpochs(), history.size(), outcome.bestEpoch(), history.size() < config.maxEpochs(),
                    best.trainLoss(), best.validationLoss(), outcome.seconds(), history);
            if (split.anomalous().length > 0) {
                double[] anomalousErrors = errors(model, images, split.anomalous(), error);
                summary = summary.withDetection(detection(validationErrors, anomalousErrors, threshold.value(),
                        split.validation().length + " held-out normal and " + anomalousErrors.length
                                + " anomalous images of " + images.source()));
            }
            BundleManifest manifest = new BundleManifest(
                    ModelBundle.FORMAT_VERSION, config.name(), config.version(), Instant.now().toString(), spec,
                    InputSpec.image(images.channelNames(), images.height(), images.width()),
                    NormalizationSpec.none(channels), new ScoreSpec(ScoreSpec.MSE), threshold, summary,
                    provenance(images, labelsFile, split, model), Map.of());
            ModelBundle.save(out, manifest, model.getBlock());
            return new TrainingResult(out, manifest, validationErrors);
        }
    }

    private DetectionMetrics detection(double[] normalErrors, double[] anomalousErrors, double threshold,
            String evaluatedOn) {
        double[] scores = new double[normalErrors.length + anomalousErrors.length];
        boolean[] anomalous = new boolean[scores.length];
        System.arraycopy(normalErrors, 0, scores, 0, normalErrors.length);
        System.arraycopy(anomalousErrors, 0, scores, normalErrors.length, anomalousErrors.length);
        Arrays.fill(anomalous, normalErrors.length, scores.length, true);
        return DetectionMetrics.evaluate(scores, anomalous, threshold, config.normalClasses(), evaluatedOn);
    }

    /** Errors of the images at {@code indices}, scaled in chunks so large sets need little memory. */
    private static double[] errors(Model model, ImageSet images, int[] indices, FitLoop.ExampleError error) {
        double[] out = new double[indices.length];
        for (int start = 0; start < indices.length; start += SCORING_CHUNK) {
            int[] chunk = Arrays.copyOfRange(indices, start, Math.min(indices.length, start + SCORING_CHUNK));
            double[] e = FitLoop.errors(model, images.scaled(chunk), chunk.length, images.imageSize(), error);
            System.arraycopy(e, 0, out, start, e.length);
        }
        return out;
    }

    /** Indices of training, held-out normal, and anomalous images. */
    record Split(int[] train, int[] validation, int[] anomalous) {}

    Split split(ImageSet images) {
        int[] normal;
        int[] anomalous;
        if (config.normalClasses().isEmpty()) {
            normal = new int[images.size()];
            for (int i = 0; i < normal.length; i++) {
                normal[i] = i;
            }
            anomalous = new int[0];
        } else {
            if (!images.labelled()) {
                throw new IllegalArgumentException("normal classes " + config.normalClasses() + " need labels, but the"
                        + " images from " + images.source() + " have none; pass --labels (IDX) or use class sub-folders (PNG)");
            }
            Set<Integer> classes = Set.copyOf(config.normalClasses());
            normal = images.indicesWhereLabel(classes, true);
            anomalous = images.indicesWhereLabel(classes, false);
            if (normal.length == 0) {
                Set<Integer> present = new TreeSet<>();
                for (int label : images.labels()) {
                    present.add(label);
                }
                throw new IllegalArgumentException("no image of " + images.source() + " has a normal class "
                        + config.normalClasses() + "; the labels present are " + present);
            }
        }
        Random random = new Random(config.seed());
        for (int i = normal.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = normal[i];
            normal[i] = normal[j];
            normal[j] = t;
        }
        int validation = (int) Math.round(normal.length * config.validationFraction());
        if (validation < 1 || normal.length - validation < 1) {
            throw new IllegalArgumentException("not enough normal images: " + normal.length + " x validation-fraction "
                    + config.validationFraction() + " leaves " + (normal.length - validation) + " to train on and "
                    + validation + " to validate on; each part needs at least one image");
        }
        int[] held = Arrays.copyOfRange(normal, 0, validation);
        int[] fit = Arrays.copyOfRange(normal, validation, normal.length);
        Arrays.sort(held);
        Arrays.sort(fit);
        return new Split(fit, held, anomalous);
    }

    private Provenance provenance(ImageSet images, Path labelsFile, Split split, Model model) throws IOException {
        Path source = Path.of(images.source());
        FileDigest digest = Files.isRegularFile(source) ? FileDigest.of(source) : null;
        int normal = split.train().length + split.validation().length;
        Provenance.DataSource data = new Provenance.DataSource(images.source(), digest, images.size(), normal,
                split.train().length, split.validation().length, split.train().length, split.validation().length,
                null, null);
        Engine engine = Engine.getInstance();
        Map<String, Object> settings = new LinkedHashMap<>(
                ModelBundle.json().convertValue(config, new TypeReference<Map<String, Object>>() {}));
        if (labelsFile != null) {
            settings.put("labels", Map.of("path", labelsFile.toString(), "digest", FileDigest.of(labelsFile)));
        }
        settings.put("anomalousImages", split.anomalous().length);
        return new Provenance(data, config.seed(), getClass().getName(), ReconVersion.get(),
                Engine.getDjlVersion(), engine.getEngineName() + " " + engine.getVersion(),
                model.getNDManager().getDevice().toString(), Runtime.version().toString(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                settings);
    }
}
