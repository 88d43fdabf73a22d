package dev.recon.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {

    @Test
    void histogramBinsCountEveryFiniteValueOnceAndClampTheTails() {
        int[] counts = HistogramChart.counts(new double[] {0, 0.5, 0.99, 1.0, 5, -3, Double.NaN}, 0, 1, 2);
        // [0, 0.5): 0 and -3 (clamped); [0.5, 1]: 0.5, 0.99, 1.0 and 5 (clamped); NaN is skipped
        assertThat(counts).containsExactly(2, 4);
    }

    @Test
    void ticksAreRoundNumbers() {
        assertThat(ChartFrame.niceStep(0.23)).isEqualTo(0.5);
        assertThat(ChartFrame.niceStep(1.7)).isEqualTo(2);
        assertThat(ChartFrame.niceStep(7)).isEqualTo(10);
        assertThat(ChartFrame.niceStep(0)).isEqualTo(1);
        assertThat(ChartFrame.format(0.000012)).isEqualTo("1.2e-05");
        assertThat(ChartFrame.format(12)).isEqualTo("12");
        assertThat(ChartFrame.format(0.25)).isEqualTo("0.25");
        assertThat(ChartFrame.format(0.05)).isEqualTo("0.05");
        assertThat(ChartFrame.format(1250)).isEqualTo("1250");
        assertThat(ChartFrame.format(0.12345)).isEqualTo("0.123");
    }

    @Test
    void imagePicturesKeepTheirPixelsWhenEnlarged() {
        float[] gray = {0f, 1f, 0.5f, 2f}; // 2 x 2; out-of-range values are clipped
        BufferedImage picture = ImageGrid.picture(gray, 1, 2, 2, 3);
        assertThat(picture.getWidth()).isEqualTo(6);
        assertThat(picture.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x000000);
        assertThat(picture.getRGB(5, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(picture.getRGB(1, 4) & 0xFF).isEqualTo(128);
        assertThat(picture.getRGB(4, 4) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        float[] rgb = {1f, 0f, 0f}; // one red pixel, channel-major
        assertThat(ImageGrid.picture(rgb, 3, 1, 1, 1).getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThatThrownBy(() -> ImageGrid.picture(new float[4], 2, 1, 2, 1)).hasMessageContaining("1 or 3 channels");
    }

    @Test
    void chartsRenderDegenerateDataWithoutFailing() {
        // one epoch, a constant score, a single point: a report of a short run must still draw
        BufferedImage line = new LineChart("t", "x", "y").logYWhenPositive()
                .add(new LineChart.Series("a", new double[] {1}, new double[] {0.5}, false)).render(400, 200);
        BufferedImage histogram = new HistogramChart("t", "score", 0.1, 10)
                .add(new HistogramChart.Group("g", new double[] {0.1, 0.1})).render(400, 200);
        BufferedImage scatter = new ScatterChart("t", "z1", "z2")
                .render(400, 300, new double[][] {{1, 1}}, new int[] {0}, c -> "c" + c);
        assertThat(List.of(line, histogram, scatter)).allSatisfy(i -> assertThat(i.getHeight()).isGreaterThan(100));
        assertThat(Png.dataUri(line)).startsWith("data:image/png;base64,iVBOR");
    }

    @Test
    void htmlEscapesWhatItQuotes() {
        assertThat(TrainingReport.esc("<a href=\"x\">&</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
        assertThat(TrainingReport.esc(null)).isEmpty();
    }
}
