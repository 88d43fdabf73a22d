package dev.recon.trainer.offline;

import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.scoring.OnsetLikelihood;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.StreamAlarm;
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
 * Scores a recorded series causally and writes
 * {@code timestamp,<channels...>,score,threshold,anomaly_score,is_anomaly}.
 *
 * <p>This is the evaluation format: one row per input row, the score of the window ending at that
 * row, and score 0 for rows before the first full window. {@code anomaly_score} is the bundle's
 * alarm score ({@link AlarmSpec}, {@link StreamAlarm#anomalyScore()}) over the windows so far,
 * exactly as the streaming job's alarm computes it for a sensor whose first window is the file's
 * first; {@code is_anomaly} is 1 where it reaches the alarm's level. With a stride above 1 only the
 * windows the job scores are judged ({@link #anomalyScores}).
 */
public final class ScoredSeriesCsv {

    private ScoredSeriesCsv() {}

    /**
     * Counts of what was written.
     *
     * @param anomalousRows rows whose anomaly score reaches the alarm level ({@code is_anomaly} 1)
     * @param overThresholdRows rows whose window's score is above the threshold
     */
    public record Summary(int rows, int scoredRows, int anomalousRows, int overThresholdRows, double threshold,
            double alarmLevel) {}

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
        return write(header, series.timestampTexts(), series.timestamps(), rows, scores, model.manifest().threshold(),
                model.manifest().alarmOrDefault(), model.manifest().input().windowLength(),
                model.manifest().input().stride(), out);
    }

    /**
     * Writes already scored rows: row {@code i} is {@code timestampTexts[i]}, {@code rows[i]} and the
     * score of the window ending at it ({@code scores[i]}; {@code null} before the first full window,
     * written as score 0, never anomalous).
     *
     * @param header the names of the value columns
     * @param timestamps the rows' times in epoch milliseconds (the alarm's seasonal periods use them)
     * @param alarm the bundle's alarm ({@link dev.recon.model.bundle.BundleManifest#alarmOrDefault()})
     * @param windowLength readings per window (the bundle's {@code input.windowLength})
     * @param stride readings between the windows the job scores (the bundle's {@code input.stride})
     */
    public static Summary write(List<String> header, String[] timestampTexts, long[] timestamps, double[][] rows,
            WindowScore[] scores, Threshold threshold, AlarmSpec alarm, int windowLength, int stride, Path out)
            throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        double value = threshold.value();
        double[] anomalyScores = anomalyScores(scores, timestamps, rows, windowLength, value, alarm, stride);
        int scored = 0;
        int anomalous = 0;
        int overThreshold = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("timestamp," + String.join(",", header) + ",score,threshold,anomaly_score,is_anomaly\n");
            StringBuilder line = new StringBuilder(128);
            for (int i = 0; i < rows.length; i++) {
                line.setLength(0);
                line.append(timestampTexts[i]);
                for (double v : rows[i]) {
                    line.append(',').append(v);
                }
                double score = scores[i] == null ? 0 : scores[i].score();
                boolean alarmed = anomalyScores[i] >= alarm.level();
                scored += scores[i] == null ? 0 : 1;
                anomalous += alarmed ? 1 : 0;
                overThreshold += scores[i] != null && threshold.isAnomalous(score) ? 1 : 0;
                line.append(',').append(score).append(',').append(value).append(',').append(anomalyScores[i])
                        .append(',').append(alarmed ? 1 : 0).append('\n');
                w.write(line.toString());
            }
        }
        return new Summary(rows.length, scored, anomalous, overThreshold, value, alarm.level());
    }

    /**
     * The anomaly score of every row under {@code alarm}, for windows {@code stride} readings apart:
     * the job scores the first full window and then every {@code stride}-th (counting again after a
     * break, where the window restarts), so only those rows are judged and the others score 0, as do
     * rows before the first window and windows whose score is not a number (the job's alarm skips
     * those too, leaving its state as it was). After an alarm the next {@code alarm.rearmAfter()}
     * judged windows score 0 ({@link StreamAlarm}). The window ending at row {@code i} spans the
     * times {@code timestamps[i - windowLength + 1]} to {@code timestamps[i]}, as the job's windows
     * do, for the alarm's seasonal periods, and its newest {@code min(stride, windowLength)} rows are
     * what the alarm's novelty judges, as the job's windows carry them.
     *
     * @param rows the rows' values ({@code [row][channel]}, in the data's units)
     */
    public static double[] anomalyScores(WindowScore[] scores, long[] timestamps, double[][] rows, int windowLength,
            double threshold, AlarmSpec alarm, int stride) {
        if (timestamps.length != scores.length || rows.length != scores.length) {
            throw new IllegalArgumentException(timestamps.length + " timestamps and " + rows.length + " rows for "
                    + scores.length + " scores");
        }
        StreamAlarm rule = StreamAlarm.of(alarm);
        int newSteps = Math.min(stride, windowLength);
        int channels = rows.length == 0 ? 0 : rows[0].length;
        double[] newest = new double[newSteps * channels];
        double[] out = new double[scores.length];
        int sinceFirst = -1;
        for (int i = 0; i < scores.length; i++) {
            sinceFirst = scores[i] == null ? -1 : sinceFirst + 1;
            if (sinceFirst < 0 || sinceFirst % stride != 0) {
                continue;
            }
            double severity = OnsetLikelihood.severity(scores[i].score(), threshold);
            if (!Double.isNaN(severity)) {
                long start = timestamps[Math.max(0, i - windowLength + 1)];
                for (int k = 0; k < newSteps; k++) {
                    System.arraycopy(rows[Math.max(0, i - newSteps + 1 + k)], 0, newest, k * channels, channels);
                }
                rule.update(severity, timestamps[i], timestamps[i] - start, newest, newSteps, alarm);
                out[i] = rule.anomalyScore();
            }
        }
        return out;
    }
}
