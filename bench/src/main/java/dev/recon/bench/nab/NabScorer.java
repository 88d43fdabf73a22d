package dev.recon.bench.nab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NAB's scoring, as in NAB's {@code sweeper.py}: every row after the probationary period is a
 * potential detection weighted by where it falls: inside a labelled window by the scaled sigmoid of
 * its position (earlier is better; only the best detection of a window counts), outside by the
 * scaled sigmoid of its distance past the previous window (a false positive). Each window without
 * a detection costs a false negative. One threshold is chosen for the whole corpus, the one that
 * maximises the total, and the total is normalised so that the null detector (no detections) scores
 * 0 and the perfect detector (a detection at the start of every window) scores 100.
 */
public final class NabScorer {

    /** Leading share of each file that is probationary (never scored). */
    public static final double PROBATION = 0.15;

    private final NabProfile profile;

    /** A scorer with one cost profile. */
    public NabScorer(NabProfile profile) {
        this.profile = profile;
    }

    /** NAB's scaled sigmoid: 0.987 at a window's left edge (-1), 0 at its right edge, towards -1 past it. */
    static double scaledSigmoid(double relativePosition) {
        if (relativePosition >= 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
    }

    /** A scorable row: its anomaly score, its weight if detected, and its window (null outside). */
    record Point(double score, double weight, String window) {}

    /** The outcome at the best threshold. */
    public record Result(double threshold, double rawScore, double normalizedScore, int windows, int detectedWindows,
            int falsePositiveRows) {}

    /** The scorable rows of one file with their detection weights. */
    List<Point> points(NabFile file, double[] scores) {
        long[] ts = file.timestamps();
        if (scores.length != ts.length) {
            throw new IllegalArgumentException(file.name() + ": " + scores.length + " scores for " + ts.length + " rows");
        }
        int n = ts.length;
        double probation = Math.min(Math.floor(PROBATION * n), PROBATION * 5000);
        double maxTp = scaledSigmoid(-1.0);
        List<long[]> windows = new ArrayList<>(file.windows());
        List<Point> points = new ArrayList<>();
        long[] current = null;
        String currentName = null;
        int currentRight = -1;
        double currentWidth = 0;
        int previousRight = -1;
        double previousWidth = 0;
        for (int i = 0; i < n; i++) {
            if (!windows.isEmpty() && ts[i] == windows.get(0)[0]) {
                current = windows.remove(0);
                currentName = file.name() + "|" + current[0];
                currentRight = indexOf(ts, current[1], file.name());
                currentWidth = currentRight - indexOf(ts, current[0], file.name()) + 1;
            }
            double weight;
            if (current != null) {
                weight = scaledSigmoid(-(currentRight - i + 1) / currentWidth) * profile.tpWeight() / maxTp;
            } else {
                double past = previousRight < 0 ? 3.0 : Math.abs(previousRight - i) / (previousWidth - 1);
                weight = scaledSigmoid(past) * profile.fpWeight();
            }
            if (i >= probation) {
                points.add(new Point(scores[i], weight, currentName));
            }
            if (current != null && ts[i] == current[1]) {
                previousRight = i;
                previousWidth = currentWidth;
                current = null;
                currentName = null;
            }
        }
        return points;
    }

    private static int indexOf(long[] ts, long t, String file) {
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] == t) {
                return i;
            }
        }
        throw new IllegalArgumentException(file + ": a labelled window bound " + t + " is not a row's timestamp");
    }

    /**
     * Scores a detector on a corpus: {@code scores.get(k)} are the per-row anomaly scores of
     * {@code files.get(k)} (higher is more anomalous; any scale), and one threshold is swept.
     */
    public Result score(List<NabFile> files, List<double[]> scores) {
        List<Point> all = new ArrayList<>();
        for (int k = 0; k < files.size(); k++) {
            all.addAll(points(files.get(k), scores.get(k)));
        }
        all.sort(Comparator.comparingDouble(Point::score).reversed());
        Map<String, Double> windowScore = new HashMap<>();
        for (Point p : all) {
            if (p.window() != null) {
                windowScore.put(p.window(), -profile.fnWeight());
            }
        }
        int windows = windowScore.size();
        double nullScore = -profile.fnWeight() * windows;
        double perfectScore = profile.tpWeight() * windows;
        double fp = 0;
        double windowSum = nullScore;
        double bestScore = nullScore;
        double bestThreshold = Double.POSITIVE_INFINITY;
        int fpRows = 0;
        int bestFpRows = 0;
        for (int i = 0; i < all.size(); i++) {
            Point p = all.get(i);
            if (p.window() == null) {
                fp += p.weight();
                fpRows++;
            } else {
                double before = windowScore.get(p.window());
                double after = Math.max(before, p.weight());
                windowScore.put(p.window(), after);
                windowSum += after - before;
            }
            // A threshold sits at a distinct score: it detects every row scoring at least that much.
            boolean lastOfScore = i + 1 == all.size() || all.get(i + 1).score() != p.score();
            if (lastOfScore && windowSum + fp > bestScore) {
                bestScore = windowSum + fp;
                bestThreshold = p.score();
                bestFpRows = fpRows;
            }
        }
        double threshold = bestThreshold;
        int detected = (int) countDetectedWindows(all, threshold);
        double normalized = perfectScore == nullScore ? 0 : 100 * (bestScore - nullScore) / (perfectScore - nullScore);
        return new Result(threshold, bestScore, normalized, windows, detected, bestFpRows);
    }

    /** Scores a detector at a fixed threshold (rows scoring at least {@code threshold} are detections). */
    public Result scoreAt(List<NabFile> files, List<double[]> scores, double threshold) {
        Map<String, Double> windowScore = new HashMap<>();
        List<Point> all = new ArrayList<>();
        for (int k = 0; k < files.size(); k++) {
            all.addAll(points(files.get(k), scores.get(k)));
        }
        double fp = 0;
        int fpRows = 0;
        for (Point p : all) {
            if (p.window() != null) {
                windowScore.putIfAbsent(p.window(), -profile.fnWeight());
                if (p.score() >= threshold) {
                    windowScore.put(p.window(), Math.max(windowScore.get(p.window()), p.weight()));
                }
            } else if (p.score() >= threshold) {
                fp += p.weight();
                fpRows++;
            }
        }
        int windows = windowScore.size();
        double raw = fp + windowScore.values().stream().mapToDouble(Double::doubleValue).sum();
        double nullScore = -profile.fnWeight() * windows;
        double perfectScore = profile.tpWeight() * windows;
        double normalized = perfectScore == nullScore ? 0 : 100 * (raw - nullScore) / (perfectScore - nullScore);
        return new Result(threshold, raw, normalized, windows, (int) countDetectedWindows(all, threshold), fpRows);
    }

    private static long countDetectedWindows(List<Point> all, double threshold) {
        return all.stream().filter(p -> p.window() != null && p.score() >= threshold).map(Point::window).distinct().count();
    }
}
