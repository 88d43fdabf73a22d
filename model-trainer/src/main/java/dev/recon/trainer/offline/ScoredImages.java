package dev.recon.trainer.offline;

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
import java.util.List;
import java.util.Set;

/**
 * Scores images with an image bundle: one score per image, written as
 * {@code index,score,threshold,is_anomaly} (plus {@code label} when the images have labels), or
 * turned into detection metrics against labels.
 */
public final class ScoredImages {

    /** Images per forward pass. */
    public static final int BATCH_SIZE = 256;

    private ScoredImages() {}

    /** Counts of what was written. */
    public record Summary(int images, int anomalous, double threshold) {}

    /** Reconstruction error of every image, in order. */
    public static double[] scores(ImageSet images, LoadedModel model) {
        checkShape(images, model);
        double[] scores = new double[images.size()];
        try (ReconstructionScorer scorer = new ReconstructionScorer(model)) {
            for (int start = 0; start < scores.length; start += BATCH_SIZE) {
                int n = Math.min(BATCH_SIZE, scores.length - start);
                int[] indices = new int[n];
                for (int k = 0; k < n; k++) {
                    indices[k] = start + k;
                }
                WindowScore[] batch = scorer.score(images.scaled(indices), n);
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
        double[] scores = scores(images, model);
        Set<Integer> normal = Set.copyOf(normalClasses);
        boolean[] anomalous = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            anomalous[i] = !normal.contains(images.labels()[i]);
        }
        return DetectionMetrics.evaluate(scores, anomalous, model.manifest().threshold().value(), normalClasses,
                scores.length + " images of " + images.source());
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
