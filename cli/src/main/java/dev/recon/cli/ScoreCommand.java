package dev.recon.cli;

import dev.recon.model.bundle.InputSpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.trainer.data.ImageFiles;
import dev.recon.trainer.data.ImageSet;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import dev.recon.trainer.offline.ScoredImages;
import dev.recon.trainer.offline.ScoredSeriesCsv;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon score}: scores a recorded series or a set of images offline. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Score data with a model bundle.",
            "Time-series bundles: --data is a CSV, scored causally: each row gets the score of the window ending at"
                    + " that row (0 before the first full window). Output columns: timestamp, the value column(s),"
                    + " score, threshold, is_anomaly (1 or 0).",
            "Image bundles: --data is an IDX image file (plain or .gz) or a PNG folder (resized to the model's size)."
                    + " Output: index,score,threshold,is_anomaly, plus label when the images have labels."
        },
        sortOptions = false)
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle (directory or .zip).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Data to score: a CSV (time series), an IDX image file or a PNG folder (images).")
    Path data;

    @Option(names = "--labels", paramLabel = "LABELS.idx1[.gz]",
            description = "Image bundles: IDX label file, echoed in a label column.")
    Path labels;

    @Option(names = "--out", required = true, paramLabel = "OUT.csv", description = "Where to write the scores.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ModelBundle bundle = ModelBundle.load(model);
        InputSpec input = bundle.manifest().input();
        if (input.imageInput()) {
            List<Integer> shape = input.shape();
            ImageSet images = ImageFiles.read(data, labels, shape.get(0), shape.get(1), shape.get(2));
            try (LoadedModel loaded = bundle.open()) {
                ScoredImages.Summary s = ScoredImages.write(images, loaded, out);
                System.out.printf("scored %d images with %s v%s: %d above threshold %.6f; wrote %s%n", s.images(),
                        bundle.manifest().name(), bundle.manifest().version(), s.anomalous(), s.threshold(), out);
            }
            return 0;
        }
        if (labels != null) {
            throw new IllegalArgumentException("--labels applies to image bundles; " + model + " takes time series");
        }
        TimeSeries series = TimeSeriesCsv.read(data);
        try (LoadedModel loaded = bundle.open()) {
            ScoredSeriesCsv.Summary s = ScoredSeriesCsv.write(series, loaded, out);
            System.out.printf("scored %d of %d rows with %s v%s: %d above threshold %.6f; wrote %s%n",
                    s.scoredRows(), s.rows(), bundle.manifest().name(), bundle.manifest().version(),
                    s.anomalousRows(), s.threshold(), out);
        }
        return 0;
    }
}
