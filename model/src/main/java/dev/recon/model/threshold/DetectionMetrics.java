package dev.recon.model.threshold;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How well a threshold separates labelled normal and anomalous examples: precision, recall, F1 at
 * the threshold, and the threshold-free AUROC of the scores.
 *
 * @param evaluatedOn what the examples were
 * @param normalClasses labels counted as normal (empty when the labels are 0/1 anomaly flags)
 * @param normal normal examples
 * @param anomalous anomalous examples
 * @param truePositives anomalous examples above the threshold
 * @param falsePositives normal examples above the threshold
 * @param falseNegatives anomalous examples at or below the threshold
 * @param trueNegatives normal examples at or below the threshold
 * @param precision {@code tp / (tp + fp)}, 0 when nothing is flagged
 * @param recall {@code tp / (tp + fn)}
 * @param f1 harmonic mean of precision and recall
 * @param auroc area under the ROC curve: the probability that a random anomalous example scores
 *     above a random normal one (ties count half)
 */
public record DetectionMetrics(
        String evaluatedOn,
        List<Integer> normalClasses,
        int normal,
        int anomalous,
        int truePositives,
        int falsePositives,
        int falseNegatives,
        int trueNegatives,
        double precision,
        double recall,
        double f1,
        double auroc) {

    /** Copies the class list. */
    public DetectionMetrics {
        normalClasses = normalClasses == null ? List.of() : List.copyOf(normalClasses);
    }

    /**
     * Evaluates {@code threshold} (strictly above is anomalous, as {@link Threshold#isAnomalous}).
     *
     * @param scores one score per example
     * @param anomalous whether each example is truly anomalous
     * @throws IllegalArgumentException unless both classes are present
     */
    public static DetectionMetrics evaluate(double[] scores, boolean[] anomalous, double threshold,
            List<Integer> normalClasses, String evaluatedOn) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(anomalous, "anomalous");
        if (scores.length != anomalous.length) {
            throw new IllegalArgumentException(
                    scores.length + " scores but " + anomalous.length + " labels; expected one label per score");
        }
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = scores[i] > threshold;
            if (anomalous[i]) {
                if (flagged) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (flagged) {
                fp++;
            } else {
                tn++;
            }
        }
        int positives = tp + fn;
        int negatives = fp + tn;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("detection metrics need normal and anomalous examples, got "
                    + negatives + " normal and " + positives + " anomalous (" + evaluatedOn + ")");
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = (double) tp / positives;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new DetectionMetrics(evaluatedOn, normalClasses, negatives, positives, tp, fp, fn, tn,
                precision, recall, f1, auroc(scores, anomalous));
    }

    /** AUROC by the rank-sum (Mann-Whitney U) statistic, with average ranks for ties. */
    public static double auroc(double[] scores, boolean[] anomalous) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        long positives = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (anomalous[order[k]]) {
                    rankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
