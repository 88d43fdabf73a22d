package dev.recon.trainer.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Histograms of one or more groups of scores over shared bins, drawn as translucent bars, with the
 * threshold as a vertical line: how well the threshold separates normal from anomalous.
 */
final class HistogramChart {

    /** Scores of one group (say, held-out normal windows). */
    record Group(String name, double[] values) {}

    private final String title;
    private final String xLabel;
    private final List<Group> groups = new ArrayList<>();
    private final double threshold;
    private final int bins;

    HistogramChart(String title, String xLabel, double threshold, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        this.title = title;
        this.xLabel = xLabel;
        this.threshold = threshold;
        this.bins = bins;
    }

    HistogramChart add(Group group) {
        groups.add(group);
        return this;
    }

    /** Counts of {@code values} in {@code bins} equal bins over {@code [min, max]}; values outside go to the end bins. */
    static int[] counts(double[] values, double min, double max, int bins) {
        int[] counts = new int[bins];
        double width = (max - min) / bins;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                continue;
            }
            int b = width > 0 ? (int) Math.floor((v - min) / width) : 0;
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        return counts;
    }

    BufferedImage render(int width, int height) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Group group : groups) {
            for (double v : group.values()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (Double.isFinite(threshold)) {
            min = Math.min(min, threshold);
            max = Math.max(max, threshold);
        }
        if (!(max > min)) {
            max = min + 1;
        }
        // Scores pile up near zero with a long tail: cut the axis at a high quantile plus the
        // threshold, and put the rest in the last bin, so the interesting part is not squeezed.
        double cut = Math.max(threshold * 1.5, upperQuantile(0.99));
        if (Double.isFinite(cut) && cut < max && cut > min) {
            max = cut;
        }
        // Room on the right, so that a threshold at the maximum is not drawn on the frame.
        double axisMax = max + (max - min) * 0.03;
        double binWidth = (max - min) / bins;
        // Groups of very different sizes (60 normal, 3000 anomalous) are compared by their shares.
        boolean shares = groups.size() > 1;
        List<double[]> heights = new ArrayList<>();
        double highest = shares ? 0.01 : 1;
        for (Group group : groups) {
            int[] c = counts(group.values(), min, max, bins);
            double[] h = new double[bins];
            for (int b = 0; b < bins; b++) {
                h[b] = shares ? (double) c[b] / Math.max(1, group.values().length) : c[b];
                highest = Math.max(highest, h[b]);
            }
            heights.add(h);
        }
        ChartFrame frame = new ChartFrame(width, height, title, xLabel, shares ? "share of group" : "count", min,
                axisMax, 0, highest, false);
        Graphics2D g = frame.graphics();
        List<String> names = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        for (int k = 0; k < groups.size(); k++) {
            Color base = ChartFrame.PALETTE[k % ChartFrame.PALETTE.length];
            g.setColor(new Color(base.getRed(), base.getGreen(), base.getBlue(), 120));
            double[] h = heights.get(k);
            for (int b = 0; b < bins; b++) {
                if (h[b] == 0) {
                    continue;
                }
                int x0 = (int) Math.round(frame.px(min + b * binWidth));
                int x1 = (int) Math.round(frame.px(min + (b + 1) * binWidth));
                int y = (int) Math.round(frame.py(h[b]));
                g.fillRect(x0, y, Math.max(1, x1 - x0 - 1), frame.plotBottom() - y);
            }
            names.add(groups.get(k).name() + " (" + groups.get(k).values().length + ")");
            colors.add(base);
        }
        if (Double.isFinite(threshold)) {
            int x = (int) Math.round(frame.px(threshold));
            g.setColor(new Color(0xC0, 0x00, 0x00));
            g.setStroke(new BasicStroke(2f));
            g.drawLine(x, frame.plotTop(), x, frame.plotBottom());
            String label = "threshold " + ChartFrame.format(threshold);
            int labelWidth = g.getFontMetrics().stringWidth(label);
            // Keep the label inside the picture when the threshold is near the right edge.
            int labelX = x + 4 + labelWidth > frame.plotRight() ? x - 4 - labelWidth : x + 4;
            g.drawString(label, labelX, frame.plotBottom() - 8);
        }
        frame.legend(names, colors);
        return frame.image();
    }

    private double upperQuantile(double q) {
        List<Double> all = new ArrayList<>();
        for (Group group : groups) {
            for (double v : group.values()) {
                if (Double.isFinite(v)) {
                    all.add(v);
                }
            }
        }
        if (all.isEmpty()) {
            return Double.NaN;
        }
        all.sort(null);
        return all.get((int) Math.min(all.size() - 1, Math.floor(q * all.size())));
    }
}
