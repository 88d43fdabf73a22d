package dev.recon.trainer.report;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.recon.model.arch.LatentEncoder;
import dev.recon.model.bundle.BundleFormatException;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.Provenance;
import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.threshold.DetectionMetrics;
import dev.recon.model.window.SlidingWindowBuffer;
import dev.recon.model.window.ZScoreNormalizer;
import dev.recon.trainer.data.ImageSet;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.offline.ConditionLabels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Gathers a report's material from a written bundle and the data it was trained on: it loads the
 * bundle as serving does, so the examples show what the deployed model will do.
 */
public final class ReportMaterial {

    private static final int MAX_SCORED = 5000;
    private static final int MAX_LATENT_POINTS = 2000;
    private static final int CHUNK = 512;

    private ReportMaterial() {}

    /**
     * Material for a time-series bundle: the held-out windows with the lowest, median and highest
     * score, the highest-scoring window after the fitted rows, and the latent codes when 2-D.
     *
     * @param validationScores the scores the threshold was calibrated on
     */
    public static ReportContent forTimeSeries(Path bundle, TimeSeries series, double[] validationScores)
            throws BundleFormatException {
        ModelBundle loaded = ModelBundle.load(bundle);
        BundleManifest m = loaded.manifest();
        Provenance.DataSource data = m.provenance().data();
        int window = m.input().windowLength();
        int channels = m.input().channels().size();
        List<String> notes = new ArrayList<>();
        try (LoadedModel model = loaded.open(); ReconstructionScorer scorer = new ReconstructionScorer(model)) {
            ZScoreNormalizer normalizer = model.normalizer();
            WindowSet held = windows(series, normalizer, data.trainRows(), data.fitRows(), window, channels);
            double[] heldScores = scores(scorer, held);
            List<ReportContent.WindowExample> examples = new ArrayList<>();
            if (held.count() > 0) {
                Integer[] order = sortedByScore(heldScores);
                addWindow(examples, "held-out window with the lowest score", scorer, held, order[0], heldScores,
                        normalizer, series);
                addWindow(examples, "held-out window with the median score", scorer, held, order[order.length / 2],
                        heldScores, normalizer, series);
                addWindow(examples, "held-out window with the highest score", scorer, held, order[order.length - 1],
                        heldScores, normalizer, series);
            }
            // Windows whose last row lies after the fitted rows: what the model has never seen.
            WindowSet later = windows(series, normalizer, data.fitRows() - window + 1,
                    Math.min(series.size(), data.fitRows() + MAX_SCORED), window, channels);
            double[] laterScores = scores(scorer, later);
            if (later.count() > 0) {
                Integer[] order = sortedByScore(laterScores);
                addWindow(examples, "highest-scoring window after the fitted rows", scorer, later,
                        order[order.length - 1], laterScores, normalizer, series);
                if (later.count() == MAX_SCORED) {
                    notes.add("Only the first " + MAX_SCORED + " windows after the fitted rows were searched for the"
                            + " highest-scoring one; use recon score for the whole series.");
                }
            }
            ReportContent.LatentCodes latent = null;
            if (model.djlModel().getBlock() instanceof LatentEncoder encoder) {
                if (encoder.latentSize() == 2) {
                    WindowSet both = held.concat(later);
                    int[] classes = new int[both.count()];
                    Arrays.fill(classes, held.count(), classes.length, 1);
                    latent = latent(model, encoder, both, classes,
                            c -> c == 0 ? "held-out windows" : "windows after the fitted rows");
                } else {
                    notes.add("The latent space has " + encoder.latentSize() + " dimensions; the latent scatter is"
                            + " drawn for 2-D latent spaces only.");
                }
            }
            return new ReportContent(m, validationScores, null, examples, List.of(), latent, notes);
        }
    }

    /**
     * Material for an image bundle: scores of images of other classes than the normal ones (never
     * trained on), examples of both next to their reconstructions, and the latent codes when 2-D.
     *
     * @param validationScores the scores the threshold was calibrated on
     */
    public static ReportContent forImages(Path bundle, ImageSet images, double[] validationScores)
            throws BundleFormatException {
        ModelBundle loaded = ModelBundle.load(bundle);
        BundleManifest m = loaded.manifest();
        DetectionMetrics detection = m.training().detection();
        Set<Integer> normalClasses = detection == null ? Set.of() : new HashSet<>(detection.normalClasses());
        List<String> notes = new ArrayList<>();
        Random random = new Random(m.provenance().seed());
        try (LoadedModel model = loaded.open(); ReconstructionScorer scorer = new ReconstructionScorer(model)) {
            if (scorer.conditional()) {
                return forConditionalImages(m, scorer, images, validationScores, random);
            }
            int[] normal;
            int[] anomalous;
            if (!normalClasses.isEmpty() && images.labelled()) {
                normal = sample(images.indicesWhereLabel(normalClasses, true), MAX_SCORED, random);
                anomalous = sample(images.indicesWhereLabel(normalClasses, false), MAX_SCORED, random);
                notes.add("Example images of the normal classes are drawn from all of them, so some were trained on;"
                        + " images of other classes were never trained on.");
            } else {
                int[] all = new int[images.size()];
                Arrays.setAll(all, i -> i);
                normal = sample(all, MAX_SCORED, random);
                anomalous = new int[0];
            }
            float[] normalPixels = images.scaled(normal);
            double[] normalScores = imageScores(scorer, normalPixels, normal.length);
            float[] anomalousPixels = images.scaled(anomalous);
            double[] anomalousScores = imageScores(scorer, anomalousPixels, anomalous.length);
            List<ReportContent.ImageExample> examples = new ArrayList<>();
            int size = images.imageSize();
            if (anomalous.length > 0) {
                addImages(examples, scorer, normalPixels, normalScores, normal, images, 8, size, random);
                addImages(examples, scorer, anomalousPixels, anomalousScores, anomalous, images, 8, size, random);
            } else {
                // Unlabelled: the best and worst reconstructed images say most.
                Integer[] order = sortedByScore(normalScores);
                int n = Math.min(8, order.length);
                int[] picks = new int[Math.min(16, order.length)];
                for (int i = 0; i < picks.length; i++) {
                    picks[i] = i < n ? order[i] : order[order.length - (picks.length - i)];
                }
                for (int p : picks) {
                    examples.add(imagePair(scorer, normalPixels, p, size,
                            "score " + ChartFrame.format(normalScores[p])));
                }
            }
            ReportContent.LatentCodes latent = null;
            if (model.djlModel().getBlock() instanceof LatentEncoder encoder) {
                if (encoder.latentSize() == 2) {
                    int[] picked = sample(allIndices(images.size()), MAX_LATENT_POINTS, random);
                    int[] classes = new int[picked.length];
                    for (int i = 0; i < picked.length; i++) {
                        classes[i] = images.labelled() ? images.labels()[picked[i]] : 0;
                    }
                    latent = latent(model, encoder, new WindowSet(images.scaled(picked), picked.length, size, null),
                            classes, c -> images.labelled()
                                    ? "class " + c + (normalClasses.contains(c) ? " (normal)" : "") : "images");
                } else {
                    notes.add("The latent space has " + encoder.latentSize() + " dimensions; the latent scatter is"
                            + " drawn for 2-D latent spaces only.");
                }
            }
            return new ReportContent(m, validationScores, anomalousScores, List.of(), examples, latent, notes);
        }
    }

    /**
     * A conditional model (cvae) is judged by relabelling, as training measured it: the same images
     * scored under their own label (normal) and under a wrong one (anomalous).
     */
    private static ReportContent forConditionalImages(BundleManifest m, ReconstructionScorer scorer, ImageSet images,
            double[] validationScores, Random random) {
        int[] conditions = ConditionLabels.of(images, scorer.conditions(), m.name());
        int known = 0;
        for (int c : conditions) {
            known += c == ConditionLabels.NONE ? 0 : 1;
        }
        int[] labelled = new int[known];
        for (int i = 0, k = 0; i < conditions.length; i++) {
            if (conditions[i] != ConditionLabels.NONE) {
                labelled[k++] = i;
            }
        }
        int[] picked = sample(labelled, MAX_SCORED, random);
        int[] own = new int[picked.length];
        for (int i = 0; i < picked.length; i++) {
            own[i] = conditions[picked[i]];
        }
        int[] wrong = ConditionLabels.wrong(own, scorer.conditions().count(), m.provenance().seed());
        float[] pixels = images.scaled(picked);
        double[] ownScores = conditionalScores(scorer, pixels, own);
        double[] wrongScores = conditionalScores(scorer, pixels, wrong);
        int size = images.imageSize();
        List<ReportContent.ImageExample> examples = new ArrayList<>();
        for (int p : sample(allIndices(picked.length), 8, random)) {
            float[] image = Arrays.copyOfRange(pixels, p * size, (p + 1) * size);
            examples.add(new ReportContent.ImageExample(image, scorer.reconstruct(image, new int[] {own[p]}, 1),
                    "as " + scorer.conditions().label(own[p]) + " (own), score " + ChartFrame.format(ownScores[p])));
            examples.add(new ReportContent.ImageExample(image, scorer.reconstruct(image, new int[] {wrong[p]}, 1),
                    "as " + scorer.conditions().label(wrong[p]) + " (wrong), score " + ChartFrame.format(wrongScores[p])));
        }
        List<String> notes = List.of("A conditional model is judged by relabelling: the histogram's anomalous group"
                + " and every second example are images scored under a wrong label; the images are drawn from all"
                + " labelled images, so some were trained on. No latent scatter: the code depends on the label.");
        return new ReportContent(m, validationScores, wrongScores, List.of(), examples, null, notes);
    }

    private static double[] conditionalScores(ReconstructionScorer scorer, float[] pixels, int[] conditions) {
        int width = scorer.windowSize();
        double[] out = new double[conditions.length];
        for (int start = 0; start < conditions.length; start += CHUNK) {
            int n = Math.min(CHUNK, conditions.length - start);
            WindowScore[] s = scorer.score(Arrays.copyOfRange(pixels, start * width, (start + n) * width),
                    Arrays.copyOfRange(conditions, start, start + n), n);
            for (int i = 0; i < n; i++) {
                out[start + i] = s[i].score();
            }
        }
        return out;
    }

    /** Flattened normalised windows (stride 1) ending in rows {@code [from + window - 1, to)}. */
    private record WindowSet(float[] values, int count, int width, int[] lastRows) {
        WindowSet concat(WindowSet other) {
            float[] v = Arrays.copyOf(values, (count + other.count) * width);
            System.arraycopy(other.values, 0, v, count * width, other.count * width);
            int[] rows = Arrays.copyOf(lastRows, count + other.count);
            System.arraycopy(other.lastRows, 0, rows, count, other.count);
            return new WindowSet(v, count + other.count, width, rows);
        }
    }

    private static WindowSet windows(TimeSeries series, ZScoreNormalizer normalizer, int from, int to, int window,
            int channels) {
        int count = Math.max(0, to - from - window + 1);
        float[] values = new float[count * window * channels];
        int[] lastRows = new int[count];
        SlidingWindowBuffer buffer = new SlidingWindowBuffer(window, channels, 1);
        int k = 0;
        for (int i = Math.max(from, 0); i < to && k < count; i++) {
            if (buffer.add(series.timestamps()[i], series.rows()[i])) {
                buffer.copyWindow(normalizer, values, k * window * channels);
                lastRows[k++] = i;
            }
        }
        return new WindowSet(values, count, window * channels, lastRows);
    }

    private static double[] scores(ReconstructionScorer scorer, WindowSet set) {
        double[] out = new double[set.count()];
        for (int start = 0; start < set.count(); start += CHUNK) {
            int n = Math.min(CHUNK, set.count() - start);
            WindowScore[] s = scorer.score(Arrays.copyOfRange(set.values(), start * set.width(), (start + n) * set.width()), n);
            for (int i = 0; i < n; i++) {
                out[start + i] = s[i].score();
            }
        }
        return out;
    }

    private static double[] imageScores(ReconstructionScorer scorer, float[] pixels, int count) {
        return scores(scorer, new WindowSet(pixels, count, scorer.windowSize(), null));
    }

    private static void addWindow(List<ReportContent.WindowExample> out, String what, ReconstructionScorer scorer,
            WindowSet set, int index, double[] scores, ZScoreNormalizer normalizer, TimeSeries series) {
        int width = set.width();
        int channels = normalizer.channels();
        int steps = width / channels;
        float[] window = Arrays.copyOfRange(set.values(), index * width, (index + 1) * width);
        float[] recon = scorer.reconstruct(window, 1);
        double[][] input = new double[channels][steps];
        double[][] reconstruction = new double[channels][steps];
        for (int s = 0; s < steps; s++) {
            for (int c = 0; c < channels; c++) {
                input[c][s] = normalizer.denormalize(c, window[s * channels + c]);
                reconstruction[c][s] = normalizer.denormalize(c, recon[s * channels + c]);
            }
        }
        int last = set.lastRows()[index];
        String caption = String.format("%s: rows %d-%d (%s), score %s", what, last - steps + 1, last,
                series.timestampTexts() != null ? series.timestampTexts()[last] : String.valueOf(series.timestamps()[last]),
                ChartFrame.format(scores[index]));
        out.add(new ReportContent.WindowExample(caption, input, reconstruction));
    }

    private static void addImages(List<ReportContent.ImageExample> out, ReconstructionScorer scorer, float[] pixels,
            double[] scores, int[] indices, ImageSet images, int count, int size, Random random) {
        int[] picks = sample(allIndices(indices.length), count, random);
        Integer[] boxed = Arrays.stream(picks).boxed().sorted(Comparator.comparingDouble(p -> scores[p]))
                .toArray(Integer[]::new);
        for (int p : boxed) {
            String label = images.labelled() ? "class " + images.labels()[indices[p]] + ", " : "";
            out.add(imagePair(scorer, pixels, p, size, label + "score " + ChartFrame.format(scores[p])));
        }
    }

    private static ReportContent.ImageExample imagePair(ReconstructionScorer scorer, float[] pixels, int index, int size,
            String caption) {
        float[] image = Arrays.copyOfRange(pixels, index * size, (index + 1) * size);
        return new ReportContent.ImageExample(image, scorer.reconstruct(image, 1), caption);
    }

    private static ReportContent.LatentCodes latent(LoadedModel model, LatentEncoder encoder, WindowSet set,
            int[] classes, java.util.function.IntFunction<String> names) {
        int[] picked = sample(allIndices(set.count()), MAX_LATENT_POINTS, new Random(1));
        double[][] points = new double[picked.length][];
        int[] pickedClasses = new int[picked.length];
        try (NDManager manager = model.djlModel().getNDManager().newSubManager()) {
            float[] x = new float[picked.length * set.width()];
            for (int i = 0; i < picked.length; i++) {
                System.arraycopy(set.values(), picked[i] * set.width(), x, i * set.width(), set.width());
                pickedClasses[i] = classes[picked[i]];
            }
            NDArray codes = encoder.encode(new ParameterStore(manager, false),
                    manager.create(x, new Shape(picked.length, set.width())));
            float[] flat = codes.toFloatArray();
            for (int i = 0; i < picked.length; i++) {
                points[i] = new double[] {flat[2 * i], flat[2 * i + 1]};
            }
        }
        return new ReportContent.LatentCodes(points, pickedClasses, names);
    }

    private static Integer[] sortedByScore(double[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }

    private static int[] allIndices(int n) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
    }

    /** Up to {@code max} of {@code indices}, chosen at random (seeded) and kept in their order. */
    private static int[] sample(int[] indices, int max, Random random) {
        if (indices.length <= max) {
            return indices;
        }
        int[] copy = indices.clone();
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(copy.length - i);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        int[] picked = Arrays.copyOf(copy, max);
        Arrays.sort(picked);
        return picked;
    }
}
