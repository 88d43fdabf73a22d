package dev.recon.model.window;

/**
 * Receives what a {@link Resampler} emits, in time order: final grid points, and breaks after which
 * a sensor's window must start afresh.
 */
public interface GridSink {

    /** Where a grid point's value came from. */
    enum Origin {
        /** The last reading in the point's cell. */
        READING,
        /** An empty cell, filled with the last reading before it ({@link GapPolicy#FILL_FORWARD}). */
        FILLED,
        /** An empty cell, interpolated between the readings around it ({@link GapPolicy#INTERPOLATE}). */
        INTERPOLATED
    }

    /**
     * One grid point; never revised later.
     *
     * @param time the grid time (a multiple of the step)
     * @param values one value per channel; only valid during the call (copy to keep)
     */
    void point(long time, double[] values, Origin origin);

    /**
     * A gap that was not filled: windows must not span it.
     *
     * @param lastPoint the grid time of the last point before the gap
     * @param nextPoint the grid time of the first point after it (emitted later)
     * @param missingPoints grid points in between, none of which is emitted
     */
    void windowBreak(long lastPoint, long nextPoint, long missingPoints);
}
