package dev.recon.operators.metrics;

import java.util.HashSet;
import java.util.Set;

/**
 * Caps the cardinality of the {@code sensor} label: the first {@code limit} sensors a subtask sees
 * keep their id as label value, every later one is reported as {@value #OTHER}.
 *
 * <p>The cap is per subtask (sensors are spread over subtasks by key), so a job has at most
 * {@code limit x parallelism} sensor series per metric, plus one {@value #OTHER} per subtask. Looking
 * up a known sensor allocates nothing.
 */
public final class SensorLabels {

    /** The label value of sensors beyond the cap. */
    public static final String OTHER = "other";

    private final int limit;
    private final Set<String> admitted = new HashSet<>();

    /** Labels for at most {@code limit} distinct sensors (0: every sensor is {@value #OTHER}). */
    public SensorLabels(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("the sensor label limit must be >= 0, got " + limit);
        }
        this.limit = limit;
    }

    /** The label value for {@code sensorId}: the id itself while the cap allows, else {@value #OTHER}. */
    public String label(String sensorId) {
        if (admitted.contains(sensorId)) {
            return sensorId;
        }
        if (admitted.size() < limit) {
            admitted.add(sensorId);
            return sensorId;
        }
        return OTHER;
    }
}
