package dev.recon.cli.produce;

/**
 * When each record of a replay is due: at a fixed rate, as fast as possible, or at the pace of the
 * records' own timestamps sped up by a factor.
 */
public final class Pacing {

    private final double ratePerSecond;
    private final double speedup;

    private Pacing(double ratePerSecond, double speedup) {
        this.ratePerSecond = ratePerSecond;
        this.speedup = speedup;
    }

    /** {@code perSecond} records per second. */
    public static Pacing rate(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("invalid --rate: " + perSecond + " (expected a positive number of records per second)");
        }
        return new Pacing(perSecond, 0);
    }

    /**
     * The records' timestamps, {@code factor} times faster: 1 is real time, 60 turns a minute of
     * readings into a second.
     */
    public static Pacing speedup(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("invalid --speedup: " + factor + " (expected a positive factor; 1 = real time)");
        }
        return new Pacing(0, factor);
    }

    /** No waiting. */
    public static Pacing unlimited() {
        return new Pacing(0, 0);
    }

    /**
     * Nanoseconds after the start at which a record is due.
     *
     * @param index the record's position in the replay (0 for the first)
     * @param sinceFirstMs its timestamp minus the first record's, in milliseconds
     * @return 0 when unlimited
     */
    public long dueNanos(long index, long sinceFirstMs) {
        if (ratePerSecond > 0) {
            return (long) (index * 1e9 / ratePerSecond);
        }
        if (speedup > 0) {
            return (long) (Math.max(0, sinceFirstMs) * 1e6 / speedup);
        }
        return 0;
    }

    @Override
    public String toString() {
        return ratePerSecond > 0 ? ratePerSecond + " records/s" : speedup > 0 ? speedup + "x the timestamps" : "unlimited";
    }
}
