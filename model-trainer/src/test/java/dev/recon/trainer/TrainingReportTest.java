package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.model.testing.SyntheticSeries;
import dev.recon.trainer.data.ImageSet;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.report.ReportContent;
import dev.recon.trainer.report.ReportMaterial;
import dev.recon.trainer.report.TrainingReport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingReportTest {

    @TempDir
    Path tmp;

    @Test
    void timeSeriesReportShowsLossesScoresWindowsAndTheLatentSpace() throws Exception {
        int rows = 1200;
        // Fitted on the first half; a spike at row 900 is the most anomalous thing after it.
        double[] values = SyntheticSeries.withSpikes(SyntheticSeries.sine(rows, 48, 7), 8, 900);
        long[] ts = new long[rows];
        double[][] data = new double[rows][];
        for (int i = 0; i < rows; i++) {
            ts[i] = 1_700_000_000_000L + 60_000L * i;
            data[i] = new double[] {values[i]};
        }
        TimeSeries series = new TimeSeries("sine.csv", List.of("value"), ts, data, null);
        TrainerConfig config = TrainerConfig.defaults("sine").withWindow(32, 1).withArchitecture(List.of(16), 2)
                .withSplit(0.5, 0.2).withOptimisation(5e-3, 32, 6, 6);
        TrainingResult result = new TimeSeriesTrainer(config, TrainingProgress.SILENT).train(series, tmp.resolve("m"));

        ReportContent content = ReportMaterial.forTimeSeries(result.bundle(), series, result.validationErrors());
        assertThat(content.validationScores()).isEqualTo(result.validationErrors());
        assertThat(content.windowExamples()).hasSize(4);
        ReportContent.WindowExample worst = content.windowExamples().get(3);
        assertThat(worst.caption()).startsWith("highest-scoring window after the fitted rows");
        // the spike (8 standard units above a unit sine) is inside the window shown, in data units
        assertThat(max(worst.input()[0])).isGreaterThan(5);
        assertThat(worst.reconstruction()[0]).hasSize(32);
        // the held-out examples are ordered lowest, median, highest
        assertThat(content.windowExamples().get(0).caption()).contains("lowest");
        assertThat(content.latent()).isNotNull();
        assertThat(content.latent().points()).isNotEmpty();
        assertThat(content.latent().points()[0]).hasSize(2);
        assertThat(content.latent().classes()).contains(0, 1);

        Path file = TrainingReport.pathFor(result.bundle());
        TrainingReport.write(content, file);
        assertThat(file).isEqualTo(tmp.resolve("m").resolve("training-report.html"));
        String html = Files.readString(file);
        assertThat(html).contains("<h1>sine", "best epoch", "Scores and threshold", "Latent space",
                "highest-scoring window after the fitted rows", "manifest.json");
        // loss curves, histogram, four windows, latent scatter: every one a real PNG
        List<BufferedImage> pictures = pictures(html);
        assertThat(pictures).hasSize(7).allSatisfy(p -> assertThat(p.getWidth()).isGreaterThan(300));
    }

    @Test
    void imageReportShowsBothClassesAndTheirScores() throws Exception {
        ImageSet images = ImageTrainerTest.bars(400, 1);
        ImageTrainerConfig config = ImageTrainerConfig.builder("bars").optFilters(List.of(4, 8)).optBottleneck(8)
                .optNormalClasses(List.of(0)).optOptimisation(1e-2, 16, 4, 4).optSeed(3).build();
        TrainingResult result = new ImageTrainer(config, TrainingProgress.SILENT).train(images, tmp.resolve("img.zip"));

        ReportContent content = ReportMaterial.forImages(result.bundle(), images, result.validationErrors());
        assertThat(content.anomalousScores()).hasSize(100); // every class-1 image
        assertThat(content.imageExamples()).hasSize(16);
        assertThat(content.imageExamples().get(0).caption()).startsWith("class 0, score");
        assertThat(content.imageExamples().get(15).caption()).startsWith("class 1, score");
        assertThat(content.imageExamples().get(0).reconstruction()).hasSize(64);
        assertThat(content.latent()).isNull(); // conv2d does not expose its codes
        assertThat(content.notes()).anyMatch(n -> n.contains("trained on"));

        Path file = TrainingReport.pathFor(result.bundle());
        assertThat(file).isEqualTo(tmp.resolve("img-training-report.html"));
        TrainingReport.write(content, file);
        String html = Files.readString(file);
        assertThat(html).contains("Detection on labelled held-out data", "AUROC", "known anomalous");
        assertThat(pictures(html)).hasSize(3); // losses, histogram, the image grid
    }

    @Test
    void conditionalReportComparesOwnAndWrongLabels() throws Exception {
        ImageSet images = ImageTrainerTest.bars(400, 1);
        ImageTrainerConfig config = ImageTrainerConfig.builder("bars-cvae").optModel("cvae").optVariant("dense")
                .optHiddenSizes(List.of(32)).optLatentSize(2).optObjective(ObjectiveSettings.DEFAULT.withLoss("bce"))
                .optOptimisation(1e-2, 16, 6, 6).optSeed(3).build();
        TrainingResult result = new ImageTrainer(config, TrainingProgress.SILENT).train(images, tmp.resolve("cvae"));

        ReportContent content = ReportMaterial.forImages(result.bundle(), images, result.validationErrors());
        assertThat(content.anomalousScores()).hasSize(400); // every labelled image, under a wrong label
        assertThat(content.imageExamples()).hasSize(16);
        assertThat(content.imageExamples().get(0).caption()).contains("(own)");
        assertThat(content.imageExamples().get(1).caption()).contains("(wrong)");
        // the same image, reconstructed under the wrong label, is reconstructed worse on the whole
        double own = 0;
        double wrong = 0;
        for (int i = 0; i < 16; i += 2) {
            own += squaredError(content.imageExamples().get(i));
            wrong += squaredError(content.imageExamples().get(i + 1));
        }
        assertThat(wrong).isGreaterThan(own);
        assertThat(content.latent()).isNull();
        TrainingReport.write(content, tmp.resolve("cvae.html"));
        assertThat(pictures(Files.readString(tmp.resolve("cvae.html")))).hasSize(3);
    }

    private static double squaredError(ReportContent.ImageExample example) {
        double sum = 0;
        for (int i = 0; i < example.input().length; i++) {
            double d = example.input()[i] - example.reconstruction()[i];
            sum += d * d;
        }
        return sum;
    }

    private static List<BufferedImage> pictures(String html) throws Exception {
        List<BufferedImage> out = new ArrayList<>();
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        while (m.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertThat(image).isNotNull();
            out.add(image);
        }
        return out;
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
