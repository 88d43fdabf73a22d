package dev.recon.cli;

import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import dev.recon.trainer.offline.ScoredSeriesCsv;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon score}: scores a recorded series offline, one output row per input row. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Score a time-series CSV with a model bundle, causally: each row gets the score of the window"
                    + " ending at that row (0 before the first full window).",
            "Output columns: timestamp, the value column(s), score, threshold, is_anomaly (1 or 0)."
        },
        sortOptions = false)
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle (directory or .zip).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Series to score (CSV).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "OUT.csv", description = "Where to write the scores.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ModelBundle bundle = ModelBundle.load(model);
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
