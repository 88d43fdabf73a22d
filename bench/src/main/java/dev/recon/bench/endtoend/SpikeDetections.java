package dev.recon.bench.endtoend;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Detection latency of injected spikes: per spike, from its reading's append time to the append time of
 * the first anomaly event (earliest append time) whose window contains the spike's timestamp. Spikes
 * sent during the warm-up are registered too, unmeasured, so their events are recognised as spike events
 * without entering the distribution. Holds the spikes only, not the events. Not thread-safe.
 */
public final class SpikeDetections {

    /** A spike's append time and the earliest append time of an event covering it ({@code Long.MAX_VALUE}: none). */
    private static final class Spike {
        final long appendedAt;
        final boolean measured;
        long firstEvent = Long.MAX_VALUE;

        Spike(long appendedAt, boolean measured) {
            this.appendedAt = appendedAt;
            this.measured = measured;
        }
    }

    private final Map<String, NavigableMap<Long, Spike>> bySensor = new HashMap<>();

    /**
     * Registers a spike.
     *
     * @param sensorId its sensor
     * @param ts its reading's timestamp
     * @param appendedAt its reading's broker append time (ignored when not measured)
     * @param measured whether it counts: injected after the warm-up, with a known append time
     */
    public void spike(String sensorId, long ts, long appendedAt, boolean measured) {
        bySensor.computeIfAbsent(sensorId, s -> new TreeMap<>()).put(ts, new Spike(appendedAt, measured));
    }

    /**
     * Takes an anomaly event into account.
     *
     * @param windowStart timestamp of the window's oldest reading (inclusive)
     * @param windowEnd timestamp of the window's newest reading (inclusive)
     * @param appendedAt the event's broker append time
     * @return whether the window contains a registered spike (measured or not)
     */
    public boolean event(String sensorId, long windowStart, long windowEnd, long appendedAt) {
        NavigableMap<Long, Spike> spikes = bySensor.get(sensorId);
        if (spikes == null || windowEnd < windowStart) {
            return false;
        }
        Map<Long, Spike> covered = spikes.subMap(windowStart, true, windowEnd, true);
        for (Spike s : covered.values()) {
            s.firstEvent = Math.min(s.firstEvent, appendedAt);
        }
        return !covered.isEmpty();
    }

    /** Measured spikes registered. */
    public int injected() {
        return (int) measured().count();
    }

    /** Measured spikes some event covered. */
    public int detected() {
        return latencies().length;
    }

    /** Detection latency of each detected measured spike in milliseconds, ascending. */
    public double[] latencies() {
        return measured().filter(s -> s.firstEvent != Long.MAX_VALUE)
                .mapToDouble(s -> (double) (s.firstEvent - s.appendedAt)).sorted().toArray();
    }

    private Stream<Spike> measured() {
        return bySensor.values().stream().flatMap(m -> m.values().stream()).filter(s -> s.measured);
    }
}
