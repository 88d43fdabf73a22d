package dev.recon.model.scoring;

import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.window.GridSeries;
import dev.recon.model.window.SlidingWindowBuffer;
import dev.recon.model.window.ZScoreNormalizer;
import java.util.function.IntPredicate;

/**
 * Scores a whole recorded series causally: row {@code i} gets the score of the window that ends at
 * row {@code i}, built only from rows up to {@code i}; rows before the first full window get none.
 *
 * <p>Windows are assembled by the same {@link SlidingWindowBuffer} and {@link ZScoreNormalizer}
 * the streaming operator uses, and scored in batches of {@link #DEFAULT_BATCH_SIZE}. A series put on
 * a time grid ({@link GridSeries}, the job's {@code window.mode=time}) is scored point by point with
 * {@link #scoreGrid}, the window starting afresh after every unfilled gap, as in the job.
 */
public final class SeriesScorer {

    /** Windows per forward pass. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    private final LoadedModel model;
    private final int batchSize;
    private final ZScoreNormalizer normalizer;

    /** A scorer over a loaded model with the default batch size. */
    public SeriesScorer(LoadedModel model) {
        this(model, DEFAULT_BATCH_SIZE);
    }

    /** A scorer over a loaded model. */
    public SeriesScorer(LoadedModel model, int batchSize) {
        this(model, batchSize, model.normalizer());
    }

    private SeriesScorer(LoadedModel model, int batchSize, ZScoreNormalizer normalizer) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.model = model;
        this.batchSize = batchSize;
        this.normalizer = normalizer;
    }

    /**
     * This scorer normalising with the statistics of {@code sensorId}, as the job does for that
     * sensor: its own when the bundle has per-sensor statistics for it, the shared (pooled) ones
     * otherwise ({@code null}: the shared ones).
     */
    public SeriesScorer forSensor(String sensorId) {
        return new SeriesScorer(model, batchSize, model.manifest().normalization().toNormalizer(sensorId));
    }

    /**
     * Scores every row.
     *
     * @param timestamps one per row (epoch milliseconds)
     * @param rows raw (not normalised) values, {@code [row][channel]} in the model's channel order
     * @return one entry per row; {@code null} before the first full window
     */
    public WindowScore[] scoreRows(long[] timestamps, double[][] rows) {
        return score(timestamps, rows, i -> false);
    }

    /**
     * Scores every point of a resampled series: point {@code i} gets the score of the window of the
     * {@code windowLength} points ending there, or none when a gap breaks that window.
     *
     * @param grid rows in the model's channel order
     * @return one entry per grid point; {@code null} before the first full window of each segment
     */
    public WindowScore[] scoreGrid(GridSeries grid) {
        return score(grid.timestamps(), grid.rows(), i -> i > 0 && grid.startsSegment(i));
    }

    private WindowScore[] score(long[] timestamps, double[][] rows, IntPredicate restartsAt) {
        int length = model.manifest().input().windowLength();
        int channels = model.manifest().input().channels().size();
        SlidingWindowBuffer buffer = new SlidingWindowBuffer(length, channels, 1);
        WindowScore[] result = new WindowScore[rows.length];
        try (ReconstructionScorer scorer = new ReconstructionScorer(model)) {
            int width = scorer.windowSize();
            float[] batch = new float[batchSize * width];
            int[] rowOfWindow = new int[batchSize];
            int pending = 0;
            for (int i = 0; i < rows.length; i++) {
                if (restartsAt.test(i)) {
                    buffer = new SlidingWindowBuffer(length, channels, 1);
                }
                if (buffer.add(timestamps[i], rows[i])) {
                    buffer.copyWindow(normalizer, batch, pending * width);
                    rowOfWindow[pending++] = i;
                    if (pending == batchSize) {
                        flush(scorer, batch, rowOfWindow, pending, result);
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                flush(scorer, batch, rowOfWindow, pending, result);
            }
        }
        return result;
    }

    private static void flush(ReconstructionScorer scorer, float[] batch, int[] rowOfWindow, int count,
            WindowScore[] result) {
        WindowScore[] scores = scorer.score(batch, count);
        for (int k = 0; k < count; k++) {
            result[rowOfWindow[k]] = scores[k];
        }
    }
}
