package dev.recon.bench.endtoend;

/**
 * Which readings of the sparse latency run are injected anomalies: sensor {@code s} spikes at its
 * {@code k}-th reading when {@code (k + 37 s) % every == 0}, never before reading {@code firstReading},
 * and a spike reads {@code offset} above the normal value.
 *
 * <p>The stagger spreads the sensors' spikes over the {@code every} rounds instead of sending them all
 * in one round (when {@code every} is not a multiple of 37, each of up to {@code every} sensors gets a
 * round of its own). {@code firstReading} is the window length: a spike in a sensor's first window would share
 * no window with a normal history, and the first window is completed by the job's warm-up anyway.
 *
 * @param every readings of one sensor from one spike to the next
 * @param firstReading the first reading index (per sensor) that may spike
 * @param offset how far above the normal value a spike reads
 */
public record SpikeSchedule(int every, int firstReading, double offset) {

    /** Default readings of one sensor between two of its spikes. */
    public static final int DEFAULT_EVERY = 2000;
    /**
     * Default spike height: the normal signal is 50 &plusmn; 10, so +40 is well outside anything the model
     * was trained on, and a single such reading makes a 64-reading window anomalous.
     */
    public static final double DEFAULT_OFFSET = 40;
    private static final long STAGGER = 37;

    /** Checks the numbers. */
    public SpikeSchedule {
        if (every < 1) {
            throw new IllegalArgumentException("spikes need at least 1 reading between them, got every " + every);
        }
        if (firstReading < 0) {
            throw new IllegalArgumentException("first spiking reading must be >= 0, got " + firstReading);
        }
        if (offset == 0 || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("spike offset must be a finite number other than 0, got " + offset);
        }
    }

    /** A spike every {@code every} readings of a sensor, none in its first window, {@link #DEFAULT_OFFSET} high. */
    public static SpikeSchedule of(int every, int windowLength) {
        return new SpikeSchedule(every, windowLength, DEFAULT_OFFSET);
    }

    /** Whether sensor {@code sensor}'s {@code k}-th reading (from 0) is a spike. */
    public boolean isSpike(int sensor, long k) {
        return k >= firstReading && Math.floorMod(k + STAGGER * sensor, (long) every) == 0;
    }

    /** The value sensor {@code sensor}'s {@code k}-th reading carries when its normal value is {@code normal}. */
    public double value(int sensor, long k, double normal) {
        return isSpike(sensor, k) ? normal + offset : normal;
    }
}
