package dev.recon.trainer.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A chart's canvas: a white image with a title, labelled axes over a data range and a mapping from
 * data coordinates to pixels. Charts draw their marks inside {@link #plotLeft()} ...
 * {@link #plotBottom()}.
 */
final class ChartFrame {

    static final Color INK = new Color(0x33, 0x33, 0x33);
    static final Color GRID = new Color(0xE6, 0xE6, 0xE6);
    /** A palette that stays readable for the common kinds of colour blindness (Okabe-Ito). */
    static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x9E, 0x73),
        new Color(0xCC, 0x79, 0xA7), new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9),
        new Color(0xF0, 0xE4, 0x42), new Color(0x00, 0x00, 0x00), new Color(0x99, 0x99, 0x99),
        new Color(0x88, 0x22, 0x55)
    };

    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 36;
    private static final int BOTTOM = 48;

    private final BufferedImage image;
    private final Graphics2D g;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final boolean logY;

    /**
     * A frame over {@code [xMin, xMax] x [yMin, yMax]}; with {@code logY} the y axis is log10 and
     * the y bounds must be positive.
     */
    ChartFrame(int width, int height, String title, String xLabel, String yLabel,
            double xMin, double xMax, double yMin, double yMax, boolean logY) {
        if (logY && (yMin <= 0 || yMax <= 0)) {
            throw new IllegalArgumentException("a log axis needs positive bounds, got " + yMin + " to " + yMax);
        }
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.g = image.createGraphics();
        this.logY = logY;
        double[] x = padded(xMin, xMax);
        double[] y = logY ? new double[] {Math.log10(yMin), Math.log10(yMax)} : padded(yMin, yMax);
        if (logY && y[0] == y[1]) {
            y = new double[] {y[0] - 0.5, y[1] + 0.5};
        }
        this.xMin = x[0];
        this.xMax = x[1];
        this.yMin = y[0];
        this.yMax = y[1];
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        drawAxes(title, xLabel, yLabel);
    }

    /** Widens an empty range so that a constant series still gets a visible axis. */
    private static double[] padded(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            return new double[] {0, 1};
        }
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            return new double[] {min - pad, max + pad};
        }
        return new double[] {min, max};
    }

    Graphics2D graphics() {
        return g;
    }

    int plotLeft() {
        return LEFT;
    }

    int plotRight() {
        return image.getWidth() - RIGHT;
    }

    int plotTop() {
        return TOP;
    }

    int plotBottom() {
        return image.getHeight() - BOTTOM;
    }

    /** Pixel column of data value {@code x}. */
    double px(double x) {
        return plotLeft() + (x - xMin) / (xMax - xMin) * (plotRight() - plotLeft());
    }

    /** Pixel row of data value {@code y} (on the log axis when the frame has one). */
    double py(double y) {
        double v = logY ? Math.log10(Math.max(y, Double.MIN_NORMAL)) : y;
        return plotBottom() - (v - yMin) / (yMax - yMin) * (plotBottom() - plotTop());
    }

    /** A legend in the plot's top-right corner. */
    void legend(List<String> names, List<Color> colors) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int widest = names.stream().mapToInt(fm::stringWidth).max().orElse(0);
        int x = plotRight() - widest - 34;
        int y = plotTop() + 8;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x - 6, y - 4, widest + 36, names.size() * 18 + 6);
        for (int i = 0; i < names.size(); i++) {
            g.setColor(colors.get(i));
            g.setStroke(new BasicStroke(3f));
            g.drawLine(x, y + 9 + i * 18, x + 18, y + 9 + i * 18);
            g.setColor(INK);
            g.drawString(names.get(i), x + 24, y + 13 + i * 18);
        }
    }

    /** The finished picture. */
    BufferedImage image() {
        g.dispose();
        return image;
    }

    private void drawAxes(String title, String xLabel, String yLabel) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(INK);
        g.drawString(title, LEFT, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (double tick : ticks(xMin, xMax, 0)) {
            int x = (int) Math.round(px(tick));
            g.setColor(GRID);
            g.drawLine(x, plotTop(), x, plotBottom());
            g.setColor(INK);
            String text = format(tick);
            g.drawString(text, x - fm.stringWidth(text) / 2, plotBottom() + 15);
        }
        List<Double> yTicks = logY ? logTicks(yMin, yMax) : ticks(yMin, yMax, 0);
        for (double tick : yTicks) {
            int y = (int) Math.round(plotBottom() - (tick - yMin) / (yMax - yMin) * (plotBottom() - plotTop()));
            g.setColor(GRID);
            g.drawLine(plotLeft(), y, plotRight(), y);
            g.setColor(INK);
            String text = logY ? format(Math.pow(10, tick)) : format(tick);
            g.drawString(text, plotLeft() - 6 - fm.stringWidth(text), y + 4);
        }
        g.setColor(INK);
        g.drawRect(plotLeft(), plotTop(), plotRight() - plotLeft(), plotBottom() - plotTop());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        fm = g.getFontMetrics();
        g.drawString(xLabel, (plotLeft() + plotRight()) / 2 - fm.stringWidth(xLabel) / 2, image.getHeight() - 12);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(plotTop() + plotBottom()) / 2 - fm.stringWidth(yLabel) / 2, 16);
        g.setTransform(saved);
    }

    /** About five round-numbered ticks inside {@code [min, max]}, at least {@code minStep} apart. */
    private static List<Double> ticks(double min, double max, double minStep) {
        double step = Math.max(minStep, niceStep((max - min) / 5));
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return ticks;
    }

    /**
     * Ticks of a log axis over {@code [10^min, 10^max]}, as log10 values: whole decades when it
     * spans several, else 1-2-5 (or every digit) within the decades, so labels read as round numbers.
     */
    static List<Double> logTicks(double min, double max) {
        if (max - min >= 2) {
            return ticks(min, max, 1);
        }
        for (int[] mantissas : new int[][] {{1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}}) {
            List<Double> ticks = new ArrayList<>();
            for (int decade = (int) Math.floor(min); decade <= Math.ceil(max); decade++) {
                for (int m : mantissas) {
                    double t = decade + Math.log10(m);
                    if (t >= min - 1e-9 && t <= max + 1e-9) {
                        ticks.add(t);
                    }
                }
            }
            if (ticks.size() >= 3 || mantissas.length == 9) {
                return ticks;
            }
        }
        throw new AssertionError("unreachable");
    }

    static double niceStep(double rough) {
        if (!(rough > 0) || !Double.isFinite(rough)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    static String format(double v) {
        double a = Math.abs(v);
        if (v == 0) {
            return "0";
        }
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        // Three significant digits, without trailing zeros: 0.05, 0.125, 12.5, 1250.
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }
}
