package dev.recon.cli;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.threshold.DetectionMetrics;
import dev.recon.trainer.data.ImageFiles;
import dev.recon.trainer.data.ImageSet;
import dev.recon.trainer.offline.ScoredImages;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon evaluate}: precision, recall, F1 and AUROC of a bundle on labelled images. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Score labelled images with an image bundle and print precision, recall and F1 at the bundle's"
                    + " threshold, and the AUROC of the scores.",
            "An image is truly anomalous when its label is not one of the normal classes: --normal-classes, or"
                    + " by default those the bundle was trained on."
        },
        sortOptions = false)
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle (directory or .zip).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "IMAGES",
            description = "IDX image file (plain or .gz) or a PNG folder with class sub-folders.")
    Path data;

    @Option(names = "--labels", paramLabel = "LABELS.idx1[.gz]", description = "IDX label file of the images.")
    Path labels;

    @Option(names = "--normal-classes", split = ",", paramLabel = "C[,C...]",
            description = "Labels that are normal (default: the bundle's).")
    List<Integer> normalClasses;

    @Override
    public Integer call() throws Exception {
        ModelBundle bundle = ModelBundle.load(model);
        BundleManifest m = bundle.manifest();
        if (!m.input().imageInput()) {
            throw new IllegalArgumentException("model bundle " + model + " takes '" + m.input().type()
                    + "' input; evaluate works on image bundles (time series: see bin/bench)");
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
        return 0;
    }

    /** One line with the metrics and the confusion counts. */
    static String describe(DetectionMetrics d) {
        return String.format("precision %.4f  recall %.4f  F1 %.4f  AUROC %.4f  (tp %d, fp %d, fn %d, tn %d; %d normal,"
                        + " %d anomalous: %s)", d.precision(), d.recall(), d.f1(), d.auroc(), d.truePositives(),
                d.falsePositives(), d.falseNegatives(), d.trueNegatives(), d.normal(), d.anomalous(), d.evaluatedOn());
    }
}
