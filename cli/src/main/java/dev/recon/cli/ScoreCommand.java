package dev.recon.cli;

import dev.recon.model.bundle.InputSpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.NormalizationSpec;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.window.GapPolicy;
import dev.recon.model.window.GridSeries;
import dev.recon.model.window.ResampleSpec;
import dev.recon.trainer.data.ImageFiles;
import dev.recon.trainer.data.ImageSet;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import dev.recon.trainer.offline.ChannelAlignment;
import dev.recon.trainer.offline.ScoredImages;
import dev.recon.trainer.offline.ScoredSeriesCsv;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
                    + " score (the window's reconstruction score), threshold (the model's), anomaly_score (in [0, 1]: the"
                    + " onset of the window's severity score/threshold times how unusual it is for the series so far,"
                    + " exactly as the streaming job's alarm computes it) and is_anomaly (1 where anomaly_score reaches"
                    + " the bundle's alarm level, default 0.7; else 0). With --resample the readings are first put on a time"
                    + " grid, as the job's window.mode=time does, and each grid point is a row (ISO-8601 timestamps).",
            "Image bundles: --data is an IDX image file (plain or .gz) or a PNG folder (resized to the model's size)."
                    + " Output: index,score,threshold,is_anomaly, plus label when the images have labels. A cvae bundle"
                    + " scores each image under its label (the condition), so it needs labels among its conditions."
        },
        sortOptions = false)
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle (directory or .zip).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Data to score: a CSV (time series), an IDX image file or a PNG folder (images).")
    Path data;

    @Option(names = "--labels", paramLabel = "LABELS.idx1[.gz]",
            description = "Image bundles: IDX label file, echoed in a label column; a cvae bundle's conditions.")
    Path labels;

    @Option(names = "--out", required = true, paramLabel = "OUT.csv", description = "Where to write the scores.")
    Path out;

    @Option(names = "--resample", paramLabel = "STEP",
            description = "Time series: resample onto a grid of STEP (500ms, 1s, 5m, PT1M; multiples of STEP since the"
                    + " epoch) before windowing, as the job's window.mode=time with window.step=STEP does.")
    String resample;

    @Option(names = "--gap-policy", paramLabel = "fill-forward|interpolate|break",
            description = "With --resample: what a grid point without a reading gets: the last reading, the line between"
                    + " the readings around it, or nothing (the window restarts) (default: fill-forward).")
    String gapPolicy;

    @Option(names = "--max-gap-steps", paramLabel = "N",
            description = "With --resample: most consecutive empty grid points that are filled; a longer gap breaks the"
                    + " window (default: " + ResampleSpec.DEFAULT_MAX_GAP_STEPS + ").")
    Integer maxGapSteps;

    @Option(names = "--sensor-id", paramLabel = "ID",
            description = "Time series: the sensor the data comes from. A bundle with per-sensor statistics"
                    + " (recon train --normalization per-sensor) normalises it with that sensor's own, as the job does;"
                    + " without it, or for a sensor the bundle has none of, with the pooled statistics.")
    String sensorId;

    @Override
    public Integer call() throws Exception {
        ModelBundle bundle = ModelBundle.load(model);
        InputSpec input = bundle.manifest().input();
        ResampleSpec grid = resampling(resample, gapPolicy, maxGapSteps);
        if (input.imageInput()) {
            if (grid != null || sensorId != null) {
                throw new IllegalArgumentException("--resample and --sensor-id apply to time-series bundles; " + model
                        + " takes images");
            }
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
        describeNormalization(bundle.manifest().normalization());
        try (LoadedModel loaded = bundle.open()) {
            if (grid != null) {
                scoreOnGrid(series, loaded, grid);
                return 0;
            }
            ScoredSeriesCsv.Summary s = ScoredSeriesCsv.write(series, loaded, sensorId, out);
            System.out.printf("scored %d of %d rows with %s v%s: %s; wrote %s%n", s.scoredRows(), s.rows(),
                    bundle.manifest().name(), bundle.manifest().version(), describe(s), out);
        }
        return 0;
    }

    /** Says which statistics normalise the data when the bundle has per-sensor ones. */
    private void describeNormalization(NormalizationSpec normalization) {
        if (!normalization.isPerSensor()) {
            return;
        }
        if (sensorId == null) {
            System.out.printf("the bundle has per-sensor statistics of %s; without --sensor-id the data is normalised"
                    + " with the pooled statistics%n", normalization.sensors().keySet());
        } else if (!normalization.hasSensor(sensorId)) {
            System.out.printf("the bundle has no statistics of sensor '%s' (it has %s): normalising with the pooled"
                    + " statistics, as the job does%n", sensorId, normalization.sensors().keySet());
        }
    }

    /**
     * The grid of {@code --resample STEP --gap-policy P --max-gap-steps N}, or {@code null} without
     * {@code --resample} (shared with {@code recon train}).
     */
    static ResampleSpec resampling(String step, String gapPolicy, Integer maxGapSteps) {
        if (step == null) {
            if (gapPolicy != null || maxGapSteps != null) {
                throw new IllegalArgumentException("--gap-policy and --max-gap-steps apply only with --resample STEP");
            }
            return null;
        }
        long stepMs;
        GapPolicy policy;
        try {
            stepMs = ResampleSpec.parseStep(step);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid --resample: " + e.getMessage());
        }
        try {
            policy = gapPolicy == null ? ResampleSpec.DEFAULT_GAP_POLICY : GapPolicy.parse(gapPolicy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid --gap-policy: " + e.getMessage());
        }
        int maxGap = maxGapSteps == null ? ResampleSpec.DEFAULT_MAX_GAP_STEPS : maxGapSteps;
        if (maxGap < 0) {
            throw new IllegalArgumentException("invalid --max-gap-steps: " + maxGap + " (expected >= 0)");
        }
        return new ResampleSpec(stepMs, policy, maxGap);
    }

    /** Scores the grid points of {@code series} and writes one row per point, as the job's time windows see them. */
    private void scoreOnGrid(TimeSeries series, LoadedModel loaded, ResampleSpec spec) throws IOException {
        List<String> channels = loaded.manifest().input().channels();
        GridSeries grid = GridSeries.resample(series.timestamps(), ChannelAlignment.align(series, channels), spec);
        WindowScore[] scores = new SeriesScorer(loaded).forSensor(sensorId).scoreGrid(grid);
        List<String> header = series.channels().size() == 1 ? series.channels() : channels;
        String[] timestamps = new String[grid.size()];
        for (int i = 0; i < timestamps.length; i++) {
            timestamps[i] = Instant.ofEpochMilli(grid.timestamps()[i]).toString();
        }
        ScoredSeriesCsv.Summary s = ScoredSeriesCsv.write(header, timestamps, grid.timestamps(), grid.rows(), scores,
                loaded.manifest().threshold(), loaded.manifest().alarmOrDefault(),
                loaded.manifest().input().windowLength(), loaded.manifest().input().stride(), out);
        System.out.printf("resampled %d rows onto %d grid points (%s): %d filled, %d interpolated, %d breaks%n",
                series.size(), grid.size(), spec.describe(), grid.filledPoints(), grid.interpolatedPoints(),
                grid.breaks());
        System.out.printf("scored %d of %d grid points with %s v%s: %s; wrote %s%n", s.scoredRows(), grid.size(),
                loaded.manifest().name(), loaded.manifest().version(), describe(s), out);
    }

    private static String describe(ScoredSeriesCsv.Summary s) {
        return String.format(Locale.ROOT, "%d alarms (anomaly_score >= %.3f), %d windows above threshold %.6f",
                s.anomalousRows(), s.alarmLevel(), s.overThresholdRows(), s.threshold());
    }
}
