package dev.recon.trainer.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** A scatter plot of 2-D points coloured by a class label (the latent codes of a 2-D latent space). */
final class ScatterChart {

    private final String title;
    private final String xLabel;
    private final String yLabel;

    ScatterChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /**
     * Renders {@code points[i] = {x, y}} coloured by {@code classes[i]}, named by
     * {@code className}.
     */
    BufferedImage render(int width, int height, double[][] points, int[] classes,
            java.util.function.IntFunction<String> className) {
        if (points.length != classes.length) {
            throw new IllegalArgumentException(points.length + " points but " + classes.length + " classes");
        }
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            xMin = Math.min(xMin, p[0]);
            xMax = Math.max(xMax, p[0]);
            yMin = Math.min(yMin, p[1]);
            yMax = Math.max(yMax, p[1]);
        }
        // A margin so that the outermost points are not cut in half by the frame.
        double padX = (xMax - xMin) * 0.04;
        double padY = (yMax - yMin) * 0.04;
        ChartFrame frame = new ChartFrame(width, height, title, xLabel, yLabel, xMin - padX, xMax + padX,
                yMin - padY, yMax + padY, false);
        Graphics2D g = frame.graphics();
        TreeMap<Integer, Color> colorOf = new TreeMap<>();
        for (int c : classes) {
            colorOf.putIfAbsent(c, null);
        }
        int k = 0;
        for (Integer c : colorOf.keySet()) {
            colorOf.put(c, ChartFrame.PALETTE[k++ % ChartFrame.PALETTE.length]);
        }
        // Larger classes first, so that a small class is not buried under a big one.
        java.util.Map<Integer, Integer> sizes = new java.util.HashMap<>();
        for (int c : classes) {
            sizes.merge(c, 1, Integer::sum);
        }
        Integer[] order = new Integer[points.length];
        java.util.Arrays.setAll(order, i -> i);
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> -sizes.get(classes[i])));
        for (int i : order) {
            Color c = colorOf.get(classes[i]);
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 150));
            g.fillOval((int) Math.round(frame.px(points[i][0])) - 2, (int) Math.round(frame.py(points[i][1])) - 2, 5, 5);
        }
        List<String> names = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        colorOf.forEach((c, color) -> {
            names.add(className.apply(c));
            colors.add(color);
        });
        frame.legend(names, colors);
        return frame.image();
    }
}
