package dev.recon.trainer.offline;

import dev.recon.model.arch.Conditions;
import dev.recon.model.bundle.InputSpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.threshold.DetectionMetrics;
import dev.recon.trainer.data.ImageSet;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Scores images with an image bundle: one score per image, written as
 * {@code index,score,threshold,is_anomaly} (plus {@code label} when the images have labels), or
 * turned into detection metrics against labels.
 *
 * <p>A conditional bundle ({@code cvae}) scores each image under its label, so it needs labels, and
 * each label must be one of its conditions. Its detection metrics are measured by relabelling
 * ({@link ConditionLabels}), as in training.
 */
public final class ScoredImages {

    /** Images per forward pass. */
    public static final int BATCH_SIZE = 256;

    private ScoredImages() {}

    /** Counts of what was written. */
    public record Summary(int images, int anomalous, double threshold) {}

    /** Score of every image, in order; for a conditional bundle, under the image's label. */
    public static double[] scores(ImageSet images, LoadedModel model) {
        checkShape(images, model);
        Conditions conditions = model.conditions();
        return scores(images, model,
                conditions == null ? null : ConditionLabels.require(images, conditions, model.manifest().name()));
    }

    /** Score of every image, each under its condition in {@code conditions} ({@code null}: unconditional). */
    private static double[] scores(ImageSet images, LoadedModel model, int[] conditions) {
        double[] scores = new double[images.size()];
        try (ReconstructionScorer scorer = new ReconstructionScorer(model)) {
            for (int start = 0; start < scores.length; start += BATCH_SIZE) {
                int n = Math.min(BATCH_SIZE, scores.length - start);
                int[] indices = new int[n];
                for (int k = 0; k < n; k++) {
                    indices[k] = start + k;
                }
                WindowScore[] batch = scorer.score(images.scaled(indices),
                        conditions == null ? null : Arrays.copyOfRange(conditions, start, start + n), n);
                for (int k = 0; k < n; k++) {
                    scores[start + k] = batch[k].score();
                }
            }
        }
        return scores;
    }

    /** Scores every image and writes the CSV to {@code out}. */
    public static Summary write(ImageSet images, LoadedModel model, Path out) throws IOException {
        double[] scores = scores(images, model);
        double threshold = model.manifest().threshold().value();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        int anomalous = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(images.labelled() ? "index,score,threshold,is_anomaly,label\n" : "index,score,threshold,is_anomaly\n");
            StringBuilder line = new StringBuilder(64);
            for (int i = 0; i < scores.length; i++) {
                boolean alarm = model.manifest().threshold().isAnomalous(scores[i]);
                anomalous += alarm ? 1 : 0;
                line.setLength(0);
                line.append(i).append(',').append(scores[i]).append(',').append(threshold).append(',')
                        .append(alarm ? 1 : 0);
                if (images.labelled()) {
                    line.append(',').append(images.labels()[i]);
                }
                w.write(line.append('\n').toString());
            }
        }
        return new Summary(scores.length, anomalous, threshold);
    }

    /**
     * Precision, recall, F1 and AUROC of the bundle's threshold on labelled images: an image is
     * truly anomalous when its label is not one of {@code normalClasses}.
     */
    public static DetectionMetrics evaluate(ImageSet images, LoadedModel model, List<Integer> normalClasses) {
        if (!images.labelled()) {
            throw new IllegalArgumentException("evaluating needs labels; the images from " + images.source()
                    + " have none (pass --labels)");
        }
        if (model.conditions() != null) {
            throw new IllegalArgumentException("model '" + model.manifest().name() + "' is conditional (cvae): its"
                    + " normal images are those that match their label, so it is evaluated by relabelling, not"
                    + " against normal classes");
        }
        double[] scores = scores(images, model);
        Set<Integer> normal = Set.copyOf(normalClasses);
        boolean[] anomalous = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            anomalous[i] = !normal.contains(images.labels()[i]);
        }
        return DetectionMetrics.evaluate(scores, anomalous, model.manifest().threshold().value(), normalClasses,
                scores.length + " images of " + images.source());
    }

    /**
     * Precision, recall, F1 and AUROC of a conditional bundle's threshold, measured by relabelling
     * ({@link ConditionLabels}): each image whose label is a condition, scored with it, is normal;
     * each image scored with another label (drawn from {@code seed}), and each image of another
     * class scored with one of the conditions, is anomalous.
     */
    public static DetectionMetrics evaluateRelabelled(ImageSet images, LoadedModel model, long seed) {
        checkShape(images, model);
        Conditions conditions = model.conditions();
        if (conditions == null) {
            throw new IllegalArgumentException("model '" + model.manifest().name() + "' is not conditional; evaluate"
                    + " it against normal classes");
        }
        int[] own = ConditionLabels.of(images, conditions, model.manifest().name());
        int known = 0;
        for (int c : own) {
            known += c == ConditionLabels.NONE ? 0 : 1;
        }
        if (known == 0) {
            throw new IllegalArgumentException("no image of " + images.source() + " has a label among the conditions"
                    + " of model '" + model.manifest().name() + "' (" + conditions.describe() + ")");
        }
        int[] knownIndices = new int[known];
        int[] knownConditions = new int[known];
        for (int i = 0, k = 0; i < own.length; i++) {
            if (own[i] != ConditionLabels.NONE) {
                knownIndices[k] = i;
                knownConditions[k++] = own[i];
            }
        }
        ImageSet normal = subset(images, knownIndices);
        double[] normalScores = scores(normal, model, knownConditions);
        double[] wrongScores = scores(images, model, ConditionLabels.wrong(own, conditions.count(), seed));
        double[] all = Arrays.copyOf(normalScores, normalScores.length + wrongScores.length);
        System.arraycopy(wrongScores, 0, all, normalScores.length, wrongScores.length);
        boolean[] anomalous = new boolean[all.length];
        Arrays.fill(anomalous, normalScores.length, all.length, true);
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < conditions.count(); c++) {
            try {
                labels.add(Integer.parseInt(conditions.label(c)));
            } catch (NumberFormatException e) {
                labels = List.of(); // named conditions: no integer classes to record
                break;
            }
        }
        int others = own.length - known;
        return DetectionMetrics.evaluate(all, anomalous, model.manifest().threshold().value(), labels,
                "relabelling " + images.size() + " images of " + images.source() + ": " + known
                        + " with their own label (normal), " + known + " with another label"
                        + (others > 0 ? " and " + others + " of other classes with a label among the conditions" : "")
                        + " (anomalous)");
    }

    private static ImageSet subset(ImageSet images, int[] indices) {
        int size = images.imageSize();
        byte[] pixels = new byte[indices.length * size];
        int[] labels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(images.pixels(), indices[k] * size, pixels, k * size, size);
            labels[k] = images.labels()[indices[k]];
        }
        return new ImageSet(images.source(), images.channels(), images.height(), images.width(), pixels, labels);
    }

    private static void checkShape(ImageSet images, LoadedModel model) {
        InputSpec input = model.manifest().input();
        if (!input.imageInput()) {
            throw new IllegalArgumentException("model '" + model.manifest().name() + "' takes '" + input.type()
                    + "' input, not images; score a CSV with it instead");
        }
        List<Integer> expected = input.shape();
        List<Integer> actual = List.of(images.channels(), images.height(), images.width());
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("images from " + images.source() + " are " + actual
                    + " [channels, height, width] but model '" + model.manifest().name() + "' expects " + expected);
        }
    }
}
