package dev.recon.trainer;

import ai.djl.Model;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.recon.model.arch.ArchitectureSpec;
import dev.recon.model.arch.ConditionalVariationalAutoencoderSpec;
import dev.recon.model.arch.Conditions;
import dev.recon.model.arch.ConvAutoencoderSpec;
import dev.recon.model.arch.ConvNetworkSpec;
import dev.recon.model.arch.LatentModelSpec;
import dev.recon.model.arch.NetworkSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.FileDigest;
import dev.recon.model.bundle.InputSpec;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.NormalizationSpec;
import dev.recon.model.bundle.Provenance;
import dev.recon.model.bundle.ScoreSpec;
import dev.recon.model.bundle.TrainingSummary;
import dev.recon.model.bundle.TrainingSummary.EpochMetrics;
import dev.recon.model.threshold.DetectionMetrics;
import dev.recon.model.threshold.Threshold;
import dev.recon.trainer.data.ImageSet;
import dev.recon.trainer.offline.ConditionLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trains an image model on images and writes a bundle: a convolutional autoencoder
 * ({@code conv2d}), or a variational ({@code vae}), adversarial ({@code aae}) or conditional
 * variational ({@code cvae}) autoencoder with a convolutional or a dense network
 * ({@link ImageTrainerConfig#model()}, {@link ImageTrainerConfig#variant()}).
 *
 * <p>One-class set-up: with {@link ImageTrainerConfig#normalClasses()} the images whose label is
 * one of them are normal, the others anomalous. The normal images are shuffled (seeded) and split:
 * {@code validationFraction} of them are held out, the rest are trained on. Early stopping and the
 * threshold use the held-out normal images only; the anomalous images are never trained or
 * calibrated on, and serve, with the held-out normal ones, to measure detection (precision,
 * recall, F1 at the threshold, and AUROC), stored in the manifest's {@code training.detection}.
 * Without normal classes every image is normal and there is no detection measurement.
 *
 * <p>A conditional VAE ({@code cvae}) is conditioned on each image's label, so it needs labels. Its
 * conditions are the normal classes, or without them every label present (at least two). Normal
 * then means "looks like the label it claims": the model is trained on the images of its conditions,
 * each with its own label, and the threshold is calibrated on held-out ones with their own label.
 * Detection is measured by relabelling ({@link ConditionLabels}): the held-out images with their own
 * label are the normal examples; the same images with another label, and the images of the other
 * classes claiming one of the conditions, are the anomalous ones. So a {@code cvae} bundle always
 * carries detection metrics.
 *
 * <p>Pixels are scaled to [0, 1]; every model ends in a sigmoid, so the binary cross-entropy loss
 * ({@code bce}) applies as well as {@code mse}; the score is the mean squared error over the
 * image's pixels and channels ({@code mse}, a VAE's {@code recon-mean}), or a VAE's
 * {@code recon-samples} or {@code elbo}, in the same units. Early stopping, the threshold and the
 * detection metrics all use that score.
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
        Conditions conditions = conditions(images);
        Split split = split(images);
        config.threshold().requireEnoughErrors(split.validation().length, "held-out normal images");
        ArchitectureSpec spec = config.architecture(images.channels(), images.height(), images.width(), conditions);
        ObjectiveSettings objectiveSettings = config.objective();
        objectiveSettings.requireApplicableTo(spec);
        int width = spec.inputSize();
        int channels = images.channels();
        float[] train = images.scaled(split.train());
        float[] validation = images.scaled(split.validation());
        int[] trainConditions = conditionsOf(images, split.train(), conditions);
        int[] validationConditions = conditionsOf(images, split.validation(), conditions);
        float[] range = FitLoop.range(train);
        objectiveSettings.requireLossFits(range[0], range[1], "scaled pixels");
        InputSpec input = InputSpec.image(images.channelNames(), images.height(), images.width());
        ScoreSpec score = objectiveSettings.imageScoreSpec(spec, config.seed());
        FitLoop.Scoring scoring = new FitLoop.Scoring(input, score);
        Engine.getInstance().setRandomSeed((int) config.seed());
        try (Model model = Model.newInstance(config.name())) {
            model.setBlock(spec.newBlock());
            FitLoop.Outcome outcome;
            try (TrainingObjective objective = TrainingObjective.of(model, objectiveSettings, config.learningRate())) {
                progress.started(String.format(
                        "training %s (%s%s): %d training and %d validation images of %d x %d x %d%s on %s;"
                                + " optimising %s, scoring %s",
                        spec.kind(), describe(spec),
                        config.denoising().enabled() ? ", denoising " + config.denoising() : "",
                        split.train().length, split.validation().length, channels, images.height(), images.width(),
                        conditions != null ? " conditioned on their labels " + conditions.describe()
                                + (split.anomalous().length > 0 ? " (" + split.anomalous().length
                                        + " images of other classes held out to measure detection)" : "")
                        : config.normalClasses().isEmpty() ? ""
                                : " (normal classes " + config.normalClasses() + "; " + split.anomalous().length
                                        + " images of other classes held out to measure detection)",
                        model.getNDManager().getDevice(), objective.describe(), score));
                outcome = FitLoop.fit(model, objective, train, trainConditions, validation, validationConditions, width,
                        new FitLoop.Settings(config.batchSize(), config.maxEpochs(), config.patience(), config.seed(),
                                config.denoising()),
                        scoring, progress);
            }

            if (score.latent()) {
                // the codes of the images the model was fitted on; validation images are scored against them
                scoring = scoring.withReferences(
                        FitLoop.latentReferences(model, train, split.train().length, width, config.seed()));
            }
            double[] validationErrors = FitLoop.errors(model, validation, validationConditions,
                    split.validation().length, scoring);
            Threshold threshold = config.threshold().calibrator().calibrate(validationErrors,
                    split.validation().length + " held-out normal images of " + images.source());
            EpochMetrics best = outcome.best();
            List<EpochMetrics> history = outcome.history();
            TrainingSummary summary = new TrainingSummary("adam", config.learningRate(), config.batchSize(),
                    config.maxEpochs(), history.size(), outcome.bestEpoch(), history.size() < config.maxEpochs(),
                    best.trainLoss(), best.validationLoss(), outcome.seconds(), history)
                    .withLoss(objectiveSettings.loss());
            if (conditions != null) {
                summary = summary.withDetection(relabelledDetection(model, images, split, conditions,
                        validationConditions, validationErrors, threshold.value(), scoring));
            } else if (split.anomalous().length > 0) {
                double[] anomalousErrors = errors(model, images, split.anomalous(), null, scoring);
                summary = summary.withDetection(detection(validationErrors, anomalousErrors, threshold.value(),
                        split.validation().length + " held-out normal and " + anomalousErrors.length
                                + " anomalous images of " + images.source()));
            }
            BundleManifest manifest = new BundleManifest(
                    ModelBundle.FORMAT_VERSION, config.name(), config.version(), Instant.now().toString(), spec,
                    input, NormalizationSpec.none(channels), score, threshold, summary,
                    provenance(images, labelsFile, split, model), Map.of());
            ModelBundle.save(out, manifest, model.getBlock(), scoring.references());
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

    /**
     * A cvae's detection, measured by relabelling: the held-out images with their own label are
     * normal; the same images with another label and the images of other classes with one of the
     * conditions are anomalous.
     */
    private DetectionMetrics relabelledDetection(Model model, ImageSet images, Split split, Conditions conditions,
            int[] own, double[] normalErrors, double threshold, FitLoop.Scoring scoring) {
        int[] claimed = new int[split.anomalous().length];
        Arrays.fill(claimed, ConditionLabels.NONE);
        double[] relabelled = errors(model, images, split.validation(),
                ConditionLabels.wrong(own, conditions.count(), config.seed()), scoring);
        double[] otherClasses = errors(model, images, split.anomalous(),
                ConditionLabels.wrong(claimed, conditions.count(), config.seed() + 1), scoring);
        double[] anomalousErrors = concat(relabelled, otherClasses);
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < conditions.count(); c++) {
            labels.add(Integer.parseInt(conditions.label(c)));
        }
        return DetectionMetrics.evaluate(concat(normalErrors, anomalousErrors), anomalous(normalErrors.length,
                anomalousErrors.length), threshold, labels, "relabelling: " + normalErrors.length
                + " held-out images with their own label (normal); the same images with another label"
                + (otherClasses.length > 0 ? " and " + otherClasses.length + " images of other classes with a label"
                        + " among the conditions" : "") + " (anomalous), of " + images.source());
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code normal} false flags followed by {@code anomalous} true ones. */
    private static boolean[] anomalous(int normal, int anomalous) {
        boolean[] flags = new boolean[normal + anomalous];
        Arrays.fill(flags, normal, flags.length, true);
        return flags;
    }

    /**
     * The conditions of a cvae: the normal classes, or every label present; {@code null} for
     * other models.
     */
    private Conditions conditions(ImageSet images) {
        if (!config.model().equals(ConditionalVariationalAutoencoderSpec.KIND)) {
            return null;
        }
        if (!images.labelled()) {
            throw new IllegalArgumentException("a cvae is conditioned on each image's label, but the images from "
                    + images.source() + " have none; pass --labels (IDX) or use class sub-folders (PNG)");
        }
        Set<Integer> labels = new TreeSet<>(config.normalClasses());
        if (labels.isEmpty()) {
            for (int label : images.labels()) {
                labels.add(label);
            }
        }
        if (labels.size() < 2) {
            throw new IllegalArgumentException("a cvae needs images of at least 2 classes to condition on, got "
                    + labels + (config.normalClasses().isEmpty() ? " in " + images.source()
                            : " as normal classes") + "; with one class, train a vae");
        }
        return Conditions.ofLabels(List.copyOf(labels));
    }

    /** The condition of each image at {@code indices}; {@code null} for an unconditional model. */
    private static int[] conditionsOf(ImageSet images, int[] indices, Conditions conditions) {
        if (conditions == null) {
            return null;
        }
        int[] out = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = conditions.indexOf(images.labels()[indices[k]]);
        }
        return out;
    }

    /**
     * Errors of the images at {@code indices} (under {@code conditions}, parallel to them, for a
     * conditional model), scaled in chunks so large sets need little memory.
     */
    private static double[] errors(Model model, ImageSet images, int[] indices, int[] conditions,
            FitLoop.Scoring scoring) {
        double[] out = new double[indices.length];
        for (int start = 0; start < indices.length; start += SCORING_CHUNK) {
            int end = Math.min(indices.length, start + SCORING_CHUNK);
            int[] chunk = Arrays.copyOfRange(indices, start, end);
            double[] e = FitLoop.errors(model, images.scaled(chunk),
                    conditions == null ? null : Arrays.copyOfRange(conditions, start, end), chunk.length, scoring);
            System.arraycopy(e, 0, out, start, e.length);
        }
        return out;
    }

    /** The architecture's main settings, for the progress line. */
    private static String describe(ArchitectureSpec spec) {
        if (spec instanceof ConvAutoencoderSpec conv) {
            return conv.decoder() + " decoder" + (conv.bottleneck() > 0 ? ", bottleneck " + conv.bottleneck() : "");
        }
        LatentModelSpec latent = (LatentModelSpec) spec;
        NetworkSpec network = latent.network();
        return network.type() + " network"
                + (network instanceof ConvNetworkSpec conv ? ", " + conv.decoder() + " decoder" : "")
                + ", latent " + latent.latentSize();
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
