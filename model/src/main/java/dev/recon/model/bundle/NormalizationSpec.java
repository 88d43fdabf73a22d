package dev.recon.model.bundle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recon.model.window.ZScoreNormalizer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Normalisation statistics fitted on the training data.
 *
 * <p>{@code none} (images, already scaled to [0, 1] by the input's {@code scaling}) records a mean
 * of 0 and a std of 1 per channel, so {@link #toNormalizer()} is the identity for every method.
 *
 * <p>A model fitted on several sensors' series with per-sensor normalisation also records each
 * sensor's own statistics ({@code sensors}); {@code mean} and {@code std} are then those of all
 * training rows pooled, used for a sensor the model was not fitted on. The field is absent when
 * empty, so shared-statistics manifests read and write exactly as before it existed (and a reader
 * that predates it ignores it and uses the pooled statistics).
 *
 * @param method {@code zscore} or {@code none}
 * @param mean per-channel mean (pooled over every training series)
 * @param std per-channel standard deviation (pooled over every training series)
 * @param sensors {@code zscore} only: sensor id to that sensor's own per-channel statistics; empty
 *     for shared normalisation
 */
public record NormalizationSpec(
        String method,
        double[] mean,
        double[] std,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, SensorStatistics> sensors) {

    /** Manifest name of z-score normalisation. */
    public static final String ZSCORE = "zscore";
    /** Manifest name of no normalisation. */
    public static final String NONE = "none";

    /**
     * One sensor's per-channel statistics.
     *
     * @param mean per-channel mean of the sensor's training rows
     * @param std per-channel standard deviation of the sensor's training rows
     */
    public record SensorStatistics(double[] mean, double[] std) {

        /** Checks that both are present. */
        public SensorStatistics {
            Objects.requireNonNull(mean, "mean");
            Objects.requireNonNull(std, "std");
        }

        /** The statistics of a fitted normaliser. */
        public static SensorStatistics of(ZScoreNormalizer normalizer) {
            return new SensorStatistics(normalizer.mean(), normalizer.scale());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SensorStatistics other && Arrays.equals(mean, other.mean)
                    && Arrays.equals(std, other.std);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
        }

        @Override
        public String toString() {
            return "{mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "}";
        }
    }

    /** Validates the method name and that every sensor's statistics cover the same channels. */
    public NormalizationSpec {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (!ZSCORE.equals(method) && !NONE.equals(method)) {
            throw new IllegalArgumentException("normalization method must be '" + ZSCORE + "' or '" + NONE
                    + "', got '" + method + "'");
        }
        if (NONE.equals(method)) {
            for (int c = 0; c < mean.length; c++) {
                if (mean[c] != 0 || c >= std.length || std[c] != 1) {
                    throw new IllegalArgumentException("normalization 'none' must record mean 0 and std 1 per channel");
                }
            }
        }
        // Sorted, so a manifest lists sensors the same way whatever order they were fitted in.
        Map<String, SensorStatistics> bySensor = new TreeMap<>();
        if (sensors != null) {
            if (!sensors.isEmpty() && !ZSCORE.equals(method)) {
                throw new IllegalArgumentException("per-sensor normalization statistics need method '" + ZSCORE
                        + "', got '" + method + "'");
            }
            for (Map.Entry<String, SensorStatistics> entry : sensors.entrySet()) {
                String sensor = entry.getKey();
                SensorStatistics stats = entry.getValue();
                if (sensor == null || sensor.isBlank()) {
                    throw new IllegalArgumentException("normalization.sensors has a blank sensor id");
                }
                if (stats == null) {
                    throw new IllegalArgumentException("normalization.sensors." + sensor + " has no statistics");
                }
                if (stats.mean().length != mean.length || stats.std().length != mean.length) {
                    throw new IllegalArgumentException("normalization.sensors." + sensor + " has "
                            + stats.mean().length + " means and " + stats.std().length + " stds, but the pooled"
                            + " statistics have " + mean.length + " channels");
                }
                bySensor.put(sensor, stats);
            }
        }
        sensors = Collections.unmodifiableMap(bySensor);
    }

    /** Statistics shared by every sensor (the form of every bundle before per-sensor statistics). */
    public NormalizationSpec(String method, double[] mean, double[] std) {
        this(method, mean, std, Map.of());
    }

    /** No normalisation for {@code channels} channels (mean 0, std 1). */
    public static NormalizationSpec none(int channels) {
        double[] std = new double[channels];
        Arrays.fill(std, 1.0);
        return new NormalizationSpec(NONE, new double[channels], std);
    }

    /** The statistics of a fitted normaliser, shared by every sensor. */
    public static NormalizationSpec of(ZScoreNormalizer normalizer) {
        return new NormalizationSpec(ZSCORE, normalizer.mean(), normalizer.scale());
    }

    /**
     * Per-sensor statistics, with {@code pooled} for sensors not among them.
     *
     * @param pooled fitted on every sensor's training rows together
     * @param bySensor each sensor's normaliser, fitted on its own training rows
     */
    public static NormalizationSpec perSensor(ZScoreNormalizer pooled, Map<String, ZScoreNormalizer> bySensor) {
        if (bySensor.isEmpty()) {
            throw new IllegalArgumentException("per-sensor normalization needs at least one sensor's statistics");
        }
        Map<String, SensorStatistics> stats = new LinkedHashMap<>();
        bySensor.forEach((sensor, normalizer) -> stats.put(sensor, SensorStatistics.of(normalizer)));
        return new NormalizationSpec(ZSCORE, pooled.mean(), pooled.scale(), stats);
    }

    /** Whether the bundle normalises each sensor it was fitted on with that sensor's own statistics. */
    @JsonIgnore
    public boolean isPerSensor() {
        return !sensors.isEmpty();
    }

    /** Whether {@code sensorId} has statistics of its own. */
    public boolean hasSensor(String sensorId) {
        return sensors.containsKey(sensorId);
    }

    /** A normaliser with the shared (pooled) statistics. */
    public ZScoreNormalizer toNormalizer() {
        return new ZScoreNormalizer(mean, std);
    }

    /**
     * The normaliser of {@code sensorId}: its own statistics when it has some, else the shared
     * (pooled) ones.
     */
    public ZScoreNormalizer toNormalizer(String sensorId) {
        SensorStatistics stats = sensorId == null ? null : sensors.get(sensorId);
        return stats == null ? toNormalizer() : new ZScoreNormalizer(stats.mean(), stats.std());
    }

    /** Every sensor's normaliser, by sensor id (empty for shared normalisation). */
    public Map<String, ZScoreNormalizer> sensorNormalizers() {
        Map<String, ZScoreNormalizer> normalizers = new LinkedHashMap<>();
        sensors.forEach((sensor, stats) -> normalizers.put(sensor, new ZScoreNormalizer(stats.mean(), stats.std())));
        return normalizers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NormalizationSpec other && method.equals(other.method) && Arrays.equals(mean, other.mean)
                && Arrays.equals(std, other.std) && sensors.equals(other.sensors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, Arrays.hashCode(mean), Arrays.hashCode(std), sensors);
    }

    @Override
    public String toString() {
        return "NormalizationSpec{method=" + method + ", mean=" + Arrays.toString(mean) + ", std="
                + Arrays.toString(std) + (sensors.isEmpty() ? "" : ", sensors=" + sensors) + "}";
    }
}
