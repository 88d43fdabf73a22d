package dev.recon.trainer.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.TrainingSummary;
import dev.recon.model.bundle.TrainingSummary.EpochMetrics;
import dev.recon.model.threshold.DetectionMetrics;
import dev.recon.model.threshold.Threshold;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the training report: one self-contained HTML file (charts inlined as PNG data URIs, no
 * scripts, no network) that a person opens to judge a model before deploying it.
 */
public final class TrainingReport {

    /** Name of the report written next to a bundle. */
    public static final String FILE_NAME = "training-report.html";

    private static final int CHART_WIDTH = 760;
    private static final int CHART_HEIGHT = 340;

    private TrainingReport() {}

    /** Where the report of a bundle written to {@code bundle} goes: inside a directory, beside a .zip. */
    public static Path pathFor(Path bundle) {
        String name = bundle.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            Path parent = bundle.toAbsolutePath().getParent();
            return parent.resolve(name.substring(0, name.length() - 4) + "-" + FILE_NAME);
        }
        return bundle.resolve(FILE_NAME);
    }

    /** Renders {@code content} and writes it to {@code file}. */
    public static void write(ReportContent content, Path file) throws IOException {
        Files.writeString(file, html(content), StandardCharsets.UTF_8);
    }

    /** The report as an HTML document. */
    public static String html(ReportContent content) {
        BundleManifest m = content.manifest();
        TrainingSummary t = m.training();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc("Training report: " + m.name() + " v" + m.version())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:820px;margin:2em auto;color:#333}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:3px 8px;")
                .append("text-align:left;font-size:13px}th{background:#f4f4f4}img{max-width:100%;display:block;")
                .append("margin:.5em 0}.note{color:#8a5300}code,pre{font-size:12px}</style></head><body>\n");
        h.append("<h1>").append(esc(m.name())).append(" <small>version ").append(esc(m.version()))
                .append("</small></h1>\n");
        h.append("<p>A <b>").append(esc(m.architecture().kind())).append("</b> model trained ")
                .append(esc(m.createdAt())).append(" on <code>").append(esc(m.provenance().device()))
                .append("</code> from <code>").append(esc(m.provenance().data().path())).append("</code>.</p>\n");

        h.append("<h2>Training</h2>\n<table>");
        row(h, "epochs run", t.epochs() + " of at most " + t.maxEpochs()
                + (t.earlyStopped() ? " (stopped early: no better validation loss for the patience window)" : ""));
        row(h, "best epoch (parameters kept)", String.valueOf(t.bestEpoch()));
        row(h, "training loss at best epoch", num(t.trainLoss()));
        row(h, "validation loss at best epoch", num(t.validationLoss()));
        row(h, "optimiser", t.optimizer() + ", learning rate " + num(t.learningRate()) + ", batch " + t.batchSize());
        row(h, "time", String.format(Locale.ROOT, "%.1f s", t.seconds()));
        h.append("</table>\n");
        h.append(img(lossChart(t), "training and validation loss per epoch"));

        Threshold th = m.threshold();
        h.append("<h2>Scores and threshold</h2>\n<table>");
        row(h, "threshold", num(th.value()) + " (" + th.method() + " " + th.parameters() + ")");
        row(h, "calibrated on", th.calibratedOn());
        row(h, "validation scores", String.format(Locale.ROOT, "%d: min %s, median %s, mean %s, max %s",
                th.errors().count(), num(th.errors().min()), num(th.errors().median()), num(th.errors().mean()),
                num(th.errors().max())));
        h.append("</table>\n");
        h.append(img(histogram(content, th.value()), "histogram of scores with the threshold"));
        if (content.anomalousScores().length > 0) {
            int caught = 0;
            for (double score : content.anomalousScores()) {
                caught += th.isAnomalous(score) ? 1 : 0;
            }
            h.append("<p>").append(esc(String.format(Locale.ROOT, "%d held-out normal examples and %d known anomalous"
                    + " examples; %d of the anomalous ones (%.1f%%) score above the threshold.",
                    content.validationScores().length, content.anomalousScores().length, caught,
                    100.0 * caught / content.anomalousScores().length))).append("</p>\n");
        }
        DetectionMetrics d = t.detection();
        if (d != null) {
            h.append("<h3>Detection on labelled held-out data</h3>\n<table>");
            row(h, "evaluated on", d.evaluatedOn());
            row(h, "precision / recall / F1", num(d.precision()) + " / " + num(d.recall()) + " / " + num(d.f1()));
            row(h, "AUROC", num(d.auroc()));
            row(h, "true / false positives", d.truePositives() + " / " + d.falsePositives());
            row(h, "false / true negatives", d.falseNegatives() + " / " + d.trueNegatives());
            h.append("</table>\n");
        }

        if (!content.windowExamples().isEmpty() || !content.imageExamples().isEmpty()) {
            h.append("<h2>Examples and their reconstructions</h2>\n");
        }
        for (ReportContent.WindowExample example : content.windowExamples()) {
            h.append("<h3>").append(esc(example.caption())).append("</h3>\n");
            h.append(img(windowChart(example, m.input().channels()), example.caption()));
        }
        if (!content.imageExamples().isEmpty()) {
            h.append("<p>Each pair: the input on the left, its reconstruction on the right.</p>\n");
            h.append(img(Png.dataUri(ImageGrid.render("inputs and reconstructions", content.imageExamples(),
                    m.input().channels().size(), m.input().imageHeight(), m.input().imageWidth(), 4, zoom(m))),
                    "inputs next to their reconstructions"));
        }
        if (content.latent() != null) {
            h.append("<h2>Latent space</h2>\n");
            h.append(img(Png.dataUri(new ScatterChart("2-D latent codes", "z1", "z2").render(CHART_WIDTH,
                    CHART_WIDTH * 3 / 4, content.latent().points(), content.latent().classes(),
                    content.latent().classNames())),
                    "latent codes"));
        }
        for (String note : content.notes()) {
            h.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
        }

        h.append("<h2>Per-epoch losses</h2>\n<details><summary>").append(t.history().size())
                .append(" epochs</summary><table><tr><th>epoch</th><th>training loss</th><th>validation loss</th>")
                .append("<th>seconds</th></tr>");
        for (EpochMetrics e : t.history()) {
            h.append("<tr><td>").append(e.epoch()).append(e.epoch() == t.bestEpoch() ? " (best)" : "")
                    .append("</td><td>").append(num(e.trainLoss())).append("</td><td>").append(num(e.validationLoss()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.2f", e.seconds())).append("</td></tr>");
        }
        h.append("</table></details>\n");
        h.append("<h2>Manifest</h2>\n<details><summary>manifest.json</summary><pre>")
                .append(esc(manifestJson(m))).append("</pre></details>\n</body></html>\n");
        return h.toString();
    }

    private static String lossChart(TrainingSummary t) {
        int n = t.history().size();
        double[] epochs = new double[n];
        double[] train = new double[n];
        double[] validation = new double[n];
        for (int i = 0; i < n; i++) {
            EpochMetrics e = t.history().get(i);
            epochs[i] = e.epoch();
            train[i] = e.trainLoss();
            validation[i] = e.validationLoss();
        }
        return Png.dataUri(new LineChart("Loss per epoch", "epoch", "loss")
                .add(new LineChart.Series("training", epochs, train, false))
                .add(new LineChart.Series("validation", epochs, validation, false))
                .verticalMarker(t.bestEpoch(), "best epoch " + t.bestEpoch())
                .logYWhenPositive()
                .render(CHART_WIDTH, CHART_HEIGHT));
    }

    private static String histogram(ReportContent content, double threshold) {
        HistogramChart chart = new HistogramChart("Scores of held-out examples", "score", threshold, 60)
                .add(new HistogramChart.Group("held-out normal", content.validationScores()));
        if (content.anomalousScores().length > 0) {
            chart.add(new HistogramChart.Group("known anomalous", content.anomalousScores()));
        }
        return Png.dataUri(chart.render(CHART_WIDTH, CHART_HEIGHT));
    }

    private static String windowChart(ReportContent.WindowExample example, List<String> channels) {
        LineChart chart = new LineChart("input (solid) and reconstruction (dashed)", "step in window", "value");
        for (int c = 0; c < example.input().length; c++) {
            double[] steps = new double[example.input()[c].length];
            for (int s = 0; s < steps.length; s++) {
                steps[s] = s;
            }
            String name = channels.get(c);
            chart.add(new LineChart.Series(name, steps, example.input()[c], false));
            chart.add(new LineChart.Series(name + " (reconstruction)", steps, example.reconstruction()[c], true));
        }
        return Png.dataUri(chart.render(CHART_WIDTH, CHART_HEIGHT * 3 / 4));
    }

    private static int zoom(BundleManifest m) {
        int side = Math.max(m.input().imageHeight(), m.input().imageWidth());
        return Math.max(1, Math.min(4, 96 / Math.max(1, side)));
    }

    private static String img(String dataUri, String alt) {
        return "<img alt=\"" + esc(alt) + "\" src=\"" + dataUri + "\">\n";
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : String.valueOf(v);
    }

    private static String manifestJson(BundleManifest m) {
        try {
            return ModelBundle.json().writerWithDefaultPrettyPrinter().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            return "manifest could not be written as JSON: " + e.getMessage();
        }
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
