package dev.recon.cli;

import dev.recon.model.arch.ConditionalModelSpec;
import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.threshold.DetectionMetrics;
import dev.recon.trainer.TrainerConfig;
import dev.recon.trainer.data.ImageFiles;
import dev.recon.trainer.data.ImageSet;
import dev.recon.trainer.data.LabelledSeries;
import dev.recon.trainer.data.NabLabels;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import dev.recon.trainer.offline.AlarmEvaluation;
import dev.recon.trainer.offline.ChannelAlignment;
import dev.recon.trainer.offline.ScoredImages;
import dev.recon.trainer.offline.ScoredSeriesCsv;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon evaluate}: precision, recall, F1 and AUROC of a bundle on labelled images or a labelled series. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Score labelled data with a model bundle and print precision, recall and F1 at the bundle's threshold,"
                    + " and the AUROC of the scores.",
            "Time series also get a line for the bundle's alarm (what pages, as recon score's is_anomaly and the"
                    + " job's default): the labelled episodes (runs of anomalous rows) with at least one alarm, and the"
                    + " alarms on rows labelled normal.",
            "Image bundles: --data is an IDX image file (with --labels, an IDX label file) or a PNG folder with class"
                    + " sub-folders. An image is truly anomalous when its label is not one of the normal classes:"
                    + " --normal-classes, or by default those the bundle was trained on.",
            "Conditional image bundles (cvae): an image is normal when it matches the label it claims, so detection is"
                    + " measured by relabelling: each image whose label is one of the bundle's conditions, scored with"
                    + " it, is normal; each image scored with another label (drawn with --seed), and each image of"
                    + " another class scored with one of the conditions, is anomalous.",
            "Time-series bundles: --data is a CSV, scored causally like recon score. Labels come from a 'label' or"
                    + " 'is_anomaly' column of 0/1 in the CSV, or from --labels, a JSON file in NAB's"
                    + " combined_windows.json format (data file name -> list of [start, end] anomaly windows)."
                    + " A window is truly anomalous when its last reading is."
        },
        sortOptions = false)
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle (directory or .zip).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "A CSV (time series), an IDX image file (plain or .gz) or a PNG folder with class sub-folders.")
    Path data;

    @Option(names = "--labels", paramLabel = "LABELS",
            description = "Images: IDX label file of the images. Time series: anomaly windows as JSON in NAB's"
                    + " combined_windows.json format (default: the CSV's label or is_anomaly column).")
    Path labels;

    @Option(names = "--normal-classes", split = ",", paramLabel = "C[,C...]",
            description = "Images: labels that are normal (default: the bundle's); not for cvae bundles.")
    List<Integer> normalClasses;

    @Option(names = "--seed", defaultValue = "" + TrainerConfig.DEFAULT_SEED,
            description = "cvae bundles: seed of the wrong labels drawn for relabelling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        ModelBundle bundle = ModelBundle.load(model);
        if (bundle.manifest().input().imageInput()) {
            evaluateImages(bundle);
        } else {
            evaluateSeries(bundle);
        }
        return 0;
    }

    private void evaluateImages(ModelBundle bundle) throws Exception {
        BundleManifest m = bundle.manifest();
        if (ConditionalModelSpec.of(m.architecture()) != null) {
            evaluateConditional(bundle);
            return;
        }
        List<Integer> normal = normalClasses != null ? normalClasses
                : m.training() != null && m.training().detection() != null ? m.training().detection().normalClasses()
                : List.of();
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("model bundle " + model + " records no normal classes (it was trained"
                    + " without --normal-classes); pass --normal-classes");
        }
        List<Integer> shape = m.input().shape();
        ImageSet images = ImageFiles.read(data, labels, shape.get(0), shape.get(1), shape.get(2));
        try (LoadedModel loaded = bundle.open()) {
            DetectionMetrics metrics = ScoredImages.evaluate(images, loaded, normal);
            System.out.printf("%s v%s on %d images, normal classes %s, threshold %.6f%n", m.name(), m.version(),
                    images.size(), normal, m.threshold().value());
            System.out.println(describe(metrics));
        }
    }

    /** A cvae bundle, by relabelling: its normal images are those that match their label. */
    private void evaluateConditional(ModelBundle bundle) throws Exception {
        BundleManifest m = bundle.manifest();
        if (normalClasses != null) {
            throw new IllegalArgumentException("--normal-classes does not apply to model bundle " + model + ", a"
                    + " conditional model (cvae): an image is normal when it matches its label, and detection is"
                    + " measured by relabelling");
        }
        List<Integer> shape = m.input().shape();
        ImageSet images = ImageFiles.read(data, labels, shape.get(0), shape.get(1), shape.get(2));
        try (LoadedModel loaded = bundle.open()) {
            DetectionMetrics metrics = ScoredImages.evaluateRelabelled(images, loaded, seed);
            System.out.printf("%s v%s on %d images by relabelling, conditions %s, threshold %.6f%n", m.name(),
                    m.version(), images.size(), loaded.conditions().describe(), m.threshold().value());
            System.out.println(describe(metrics));
        }
    }

    private void evaluateSeries(ModelBundle bundle) throws Exception {
        BundleManifest m = bundle.manifest();
        if (normalClasses != null) {
            throw new IllegalArgumentException("--normal-classes applies to image bundles; " + model
                    + " takes time series (labels come from a label column or --labels)");
        }
        LabelledSeries labelled = labelled(TimeSeriesCsv.read(data));
        TimeSeries series = labelled.series();
        double[][] rows = ChannelAlignment.align(series, m.input().channels());
        try (LoadedModel loaded = bundle.open()) {
            WindowScore[] scores = new SeriesScorer(loaded).scoreRows(series.timestamps(), rows);
            // Rows before the first full window have no score; every other row ends one window.
            int first = m.input().windowLength() - 1;
            if (scores.length <= first) {
                throw new IllegalArgumentException(data + " has " + scores.length + " rows, fewer than one window of "
                        + m.input().windowLength() + " readings");
            }
            int windows = scores.length - first;
            double[] windowScores = new double[windows];
            boolean[] anomalous = new boolean[windows];
            for (int k = 0; k < windows; k++) {
                windowScores[k] = scores[first + k].score();
                anomalous[k] = labelled.anomalous()[first + k];
            }
            DetectionMetrics metrics = DetectionMetrics.evaluate(windowScores, anomalous, m.threshold().value(),
                    List.of(), windows + " windows of " + data + ", labels from " + labelled.labelSource()
                            + " (a window is anomalous when its last reading is)");
            System.out.printf("%s v%s on %d windows of %d readings (%d of %d readings labelled anomalous),"
                    + " threshold %.6f%n", m.name(), m.version(), windows, m.input().windowLength(),
                    labelled.anomalousRows(), series.size(), m.threshold().value());
            System.out.println(describe(metrics));
            // what pages: the bundle's alarm, exactly as recon score's is_anomaly and the job's default alarm
            AlarmSpec alarm = m.alarmOrDefault();
            double[] anomalyScores = ScoredSeriesCsv.anomalyScores(scores, series.timestamps(), series.rows(),
                    m.input().windowLength(), m.threshold().value(), alarm, m.input().stride());
            AlarmEvaluation paged = AlarmEvaluation.of(anomalyScores, alarm.level(), labelled.anomalous());
            System.out.println(describe(paged, alarm));
        }
    }

    /** One line with the alarm's episodes caught and alarms outside them. */
    static String describe(AlarmEvaluation e, AlarmSpec alarm) {
        return String.format(Locale.ROOT, "alarm (%s, anomaly score >= %s, as recon score's is_anomaly and"
                + " the job): %d of %d labelled episodes caught, %d alarms, %d outside them", alarm.rule(),
                alarm.level(), e.caughtEpisodes(), e.episodes(), e.alarms(), e.alarmsOutside());
    }

    private LabelledSeries labelled(TimeSeries series) throws Exception {
        boolean column = LabelledSeries.hasLabelColumn(series);
        if (labels == null) {
            if (!column) {
                throw new IllegalArgumentException("evaluating a time series needs labels: a column named label or"
                        + " is_anomaly (0 or 1 per row) in " + data + ", whose columns are " + series.channels()
                        + ", or --labels LABELS.json (NAB's combined_windows.json format)");
            }
            return LabelledSeries.fromLabelColumn(series);
        }
        if (column) {
            throw new IllegalArgumentException(data + " has a label column and --labels " + labels
                    + " was given too; use one of them");
        }
        return LabelledSeries.fromWindows(series, NabLabels.read(labels).windowsFor(data), labels.toString());
    }

    /** One line with the metrics and the confusion counts. */
    static String describe(DetectionMetrics d) {
        return String.format("precision %.4f  recall %.4f  F1 %.4f  AUROC %.4f  (tp %d, fp %d, fn %d, tn %d; %d normal,"
                        + " %d anomalous: %s)", d.precision(), d.recall(), d.f1(), d.auroc(), d.truePositives(),
                d.falsePositives(), d.falseNegatives(), d.trueNegatives(), d.normal(), d.anomalous(), d.evaluatedOn());
    }
}
