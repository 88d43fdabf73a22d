package dev.recon.trainer.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Rows of images, each input next to its reconstruction, enlarged with nearest-neighbour so pixels
 * stay sharp, with a caption under each pair.
 */
final class ImageGrid {

    private static final int GAP = 6;
    private static final int CAPTION = 16;

    private ImageGrid() {}

    /**
     * Lays out {@code pairs} {@code perRow} to a row; images are channel-major
     * {@code [channel][row][column]} in [0, 1], with 1 or 3 channels.
     */
    static BufferedImage render(String title, List<ReportContent.ImageExample> pairs, int channels, int height, int width,
            int perRow, int zoom) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no images to lay out");
        }
        int cellWidth = 2 * width * zoom + GAP;
        int cellHeight = height * zoom + CAPTION;
        int rows = (pairs.size() + perRow - 1) / perRow;
        int columns = Math.min(perRow, pairs.size());
        BufferedImage out = new BufferedImage(columns * (cellWidth + 3 * GAP) + GAP, 28 + rows * (cellHeight + GAP),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(ChartFrame.INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, GAP, 19);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < pairs.size(); i++) {
            int x = GAP + (i % perRow) * (cellWidth + 3 * GAP);
            int y = 28 + (i / perRow) * (cellHeight + GAP);
            ReportContent.ImageExample pair = pairs.get(i);
            g.drawImage(picture(pair.input(), channels, height, width, zoom), x, y, null);
            g.drawImage(picture(pair.reconstruction(), channels, height, width, zoom), x + width * zoom + GAP, y, null);
            g.setColor(ChartFrame.INK);
            g.drawString(pair.caption(), x, y + height * zoom + 12);
        }
        g.dispose();
        return out;
    }

    /** One channel-major image in [0, 1] as a picture, {@code zoom} screen pixels per pixel. */
    static BufferedImage picture(float[] pixels, int channels, int height, int width, int zoom) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("can draw 1 or 3 channels, got " + channels);
        }
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException("expected " + channels * height * width + " values, got " + pixels.length);
        }
        BufferedImage image = new BufferedImage(width * zoom, height * zoom, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int p = r * width + c;
                int red = level(pixels[p]);
                int rgb = channels == 1
                        ? red << 16 | red << 8 | red
                        : red << 16 | level(pixels[plane + p]) << 8 | level(pixels[2 * plane + p]);
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        image.setRGB(c * zoom + dx, r * zoom + dy, rgb);
                    }
                }
            }
        }
        return image;
    }

    private static int level(float v) {
        if (!Float.isFinite(v)) {
            return 0;
        }
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
}
