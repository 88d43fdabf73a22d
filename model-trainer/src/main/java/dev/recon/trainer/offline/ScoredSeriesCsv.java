package dev.recon.trainer.offline;

import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.threshold.Threshold;
import dev.recon.trainer.data.TimeSeries;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores a recorded series causally and writes {@code timestamp,<channels...>,score,threshold,is_anomaly}.
 *
 * <p>This is the evaluation format: one row per input row, the score of the window ending at that
 * row, and score 0 for rows before the first full window.
 */
public final class ScoredSeriesCsv {

    private ScoredSeriesCsv() {}

    /** Counts of what was written. */
    public record Summary(int rows, int scoredRows, int anomalousRows, double threshold) {}

    /** Scores {@code series} with {@code model} and writes the CSV to {@code out}. */
    public static Summary write(TimeSeries series, LoadedModel model, Path out) throws IOException {
        return write(series, model, null, out);
    }

    /**
     * Scores {@code series} with {@code model}, normalised as the job normalises sensor
     * {@code sensorId} ({@link SeriesScorer#forSensor}; {@code null}: the shared statistics), and
     * writes the CSV to {@code out}.
     */
    public static Summary write(TimeSeries series, LoadedModel model, String sensorId, Path out) throws IOException {
        List<String> channels = model.manifest().input().channels();
        double[][] rows = ChannelAlignment.align(series, channels);
        WindowScore[] scores = new SeriesScorer(model).forSensor(sensorId).scoreRows(series.timestamps(), rows);
        List<String> header = series.channels().size() == 1 ? series.channels() : channels;
        return write(header, series.timestampTexts(), rows, scores, model.manifest().threshold(), out);
    }

    /**
     * Writes already scored rows: row {@code i} is {@code timestamps[i]}, {@code rows[i]} and the score
     * of the window ending at it ({@code scores[i]}; {@code null} before the first full window, written
     * as score 0, never anomalous).
     *
     * @param header the names of the value columns
     */
    public static Summary write(List<String> header, String[] timestamps, double[][] rows, WindowScore[] scores,
            Threshold threshold, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        double value = threshold.value();
        int scored = 0;
        int anomalous = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("timestamp," + String.join(",", header) + ",score,threshold,is_anomaly\n");
            StringBuilder line = new StringBuilder(128);
            for (int i = 0; i < rows.length; i++) {
                line.setLength(0);
                line.append(timestamps[i]);
                for (double v : rows[i]) {
                    line.append(',').append(v);
                }
                double score = scores[i] == null ? 0 : scores[i].score();
                boolean alarm = scores[i] != null && threshold.isAnomalous(score);
                scored += scores[i] == null ? 0 : 1;
                anomalous += alarm ? 1 : 0;
                line.append(',').append(score).append(',').append(value).append(',').append(alarm ? 1 : 0).append('\n');
                w.write(line.toString());
            }
        }
        return new Summary(rows.length, scored, anomalous, value);
    }
}
