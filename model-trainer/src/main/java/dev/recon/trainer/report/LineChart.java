package dev.recon.trainer.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** A line chart of one or more named series over a shared x axis. */
final class LineChart {

    /** One line: its name in the legend and its points; NaN values leave a gap. */
    record Series(String name, double[] x, double[] y, boolean dashed) {
        Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but "
                        + y.length + " y values");
            }
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logY;
    private Double marker;
    private String markerLabel;

    LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    LineChart add(Series s) {
        series.add(s);
        return this;
    }

    /** Log10 y axis, used when every y value is positive (loss curves span decades). */
    LineChart logYWhenPositive() {
        logY = true;
        return this;
    }

    /** A dashed vertical line at {@code x} (the best epoch, say). */
    LineChart verticalMarker(double x, String label) {
        marker = x;
        markerLabel = label;
        return this;
    }

    BufferedImage render(int width, int height) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    xMin = Math.min(xMin, s.x()[i]);
                    xMax = Math.max(xMax, s.x()[i]);
                    yMin = Math.min(yMin, s.y()[i]);
                    yMax = Math.max(yMax, s.y()[i]);
                }
            }
        }
        boolean log = logY && yMin > 0 && Double.isFinite(yMin);
        ChartFrame frame = new ChartFrame(width, height, title, xLabel, log ? yLabel + " (log scale)" : yLabel,
                xMin, xMax, yMin, yMax, log);
        Graphics2D g = frame.graphics();
        g.setClip(frame.plotLeft(), frame.plotTop(), frame.plotRight() - frame.plotLeft() + 1,
                frame.plotBottom() - frame.plotTop() + 1);
        if (marker != null) {
            g.setColor(ChartFrame.INK);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
            int x = (int) Math.round(frame.px(marker));
            g.drawLine(x, frame.plotTop(), x, frame.plotBottom());
            g.drawString(markerLabel, x + 4, frame.plotBottom() - 6);
        }
        List<String> names = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            Color color = ChartFrame.PALETTE[k % ChartFrame.PALETTE.length];
            g.setColor(color);
            g.setStroke(s.dashed()
                    ? new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double path = new Path2D.Double();
            boolean drawing = false;
            int points = 0;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) {
                    drawing = false;
                    continue;
                }
                double px = frame.px(s.x()[i]);
                double py = frame.py(s.y()[i]);
                if (drawing) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    drawing = true;
                }
                points++;
            }
            g.draw(path);
            if (points == 1) {
                // A one-epoch run would otherwise show nothing at all.
                for (int i = 0; i < s.x().length; i++) {
                    if (Double.isFinite(s.y()[i])) {
                        g.fillOval((int) frame.px(s.x()[i]) - 3, (int) frame.py(s.y()[i]) - 3, 7, 7);
                    }
                }
            }
            names.add(s.name());
            colors.add(color);
        }
        g.setClip(null);
        if (series.size() > 1) {
            frame.legend(names, colors);
        }
        return frame.image();
    }
}
