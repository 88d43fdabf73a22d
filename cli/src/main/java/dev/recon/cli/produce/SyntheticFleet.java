package dev.recon.cli.produce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A fleet of synthetic sensors, each a noisy sine with its own level, amplitude, period and phase,
 * with anomalies of the requested kinds injected at known places: the readings and their ground truth.
 *
 * <p>The first {@link #normalFraction()} of every sensor's readings stay normal, so a model can be
 * trained on them; anomalies are spread over the rest without overlapping. The same arguments and
 * seed always give the same fleet.
 *
 * <pre>{@code
 * SyntheticFleet fleet = SyntheticFleet.generate(10, 5_000, T0, 1_000, 3, List.of(AnomalyKind.values()), 0.3, 42);
 * double v = fleet.value(2, 1234);           // sensor 2, reading 1234
 * List<InjectedAnomaly> truth = fleet.anomalies();
 * }</pre>
 */
public final class SyntheticFleet {

    /** Readings an anomaly other than a spike spans. */
    static final int ANOMALY_LENGTH = 40;

    private final List<String> sensorIds;
    private final double[][] values;
    private final long startTs;
    private final long intervalMs;
    private final double normalFraction;
    private final List<InjectedAnomaly> anomalies;

    private SyntheticFleet(List<String> sensorIds, double[][] values, long startTs, long intervalMs,
            double normalFraction, List<InjectedAnomaly> anomalies) {
        this.sensorIds = sensorIds;
        this.values = values;
        this.startTs = startTs;
        this.intervalMs = intervalMs;
        this.normalFraction = normalFraction;
        this.anomalies = anomalies;
    }

    /**
     * Generates a fleet.
     *
     * @param sensors number of sensors (ids {@code sensor-0001}, ...)
     * @param readings readings per sensor
     * @param startTs timestamp of the first reading, epoch milliseconds
     * @param intervalMs time between two readings of a sensor
     * @param anomaliesPerSensor anomalies injected into each sensor, kinds taken in turn from {@code kinds}
     * @param normalFraction leading fraction of each sensor's readings kept free of anomalies
     */
    public static SyntheticFleet generate(int sensors, int readings, long startTs, long intervalMs,
            int anomaliesPerSensor, List<AnomalyKind> kinds, double normalFraction, long seed) {
        require(sensors >= 1, "--sensors", sensors, "at least 1");
        require(intervalMs >= 1, "--interval-ms", intervalMs, "at least 1");
        require(anomaliesPerSensor >= 0, "--anomalies", anomaliesPerSensor, "0 or more");
        require(normalFraction >= 0 && normalFraction < 1, "--normal-fraction", normalFraction, "in [0, 1)");
        require(anomaliesPerSensor == 0 || !kinds.isEmpty(), "--kinds", kinds, "at least one kind");
        int firstAnomalous = (int) Math.ceil(readings * normalFraction);
        int slot = 2 * ANOMALY_LENGTH; // an anomaly and a normal stretch after it
        int needed = firstAnomalous + anomaliesPerSensor * slot;
        require(readings >= needed, "--readings", readings, "at least " + needed + " for " + anomaliesPerSensor
                + " anomalies per sensor after the normal " + (int) (normalFraction * 100) + "% (or fewer --anomalies)");

        Random random = new Random(seed);
        List<String> ids = new ArrayList<>(sensors);
        double[][] values = new double[sensors][readings];
        List<InjectedAnomaly> anomalies = new ArrayList<>();
        int kindIndex = 0;
        for (int s = 0; s < sensors; s++) {
            String id = String.format("sensor-%04d", s + 1);
            ids.add(id);
            double level = 20 + 60 * random.nextDouble();
            double amplitude = 2 + 8 * random.nextDouble();
            int period = 24 + random.nextInt(72);
            double phase = 2 * Math.PI * random.nextDouble();
            double noise = 0.05 * amplitude;
            // Normal signal first, then anomalies written over it.
            for (int i = 0; i < readings; i++) {
                values[s][i] = level + amplitude * Math.sin(2 * Math.PI * i / period + phase) + noise * random.nextGaussian();
            }
            // Non-overlapping positions: one per slot of the anomalous part, at a random offset in it.
            int slots = (readings - firstAnomalous) / slot;
            List<Integer> chosen = new ArrayList<>();
            for (int k = 0; k < slots; k++) {
                chosen.add(k);
            }
            Collections.shuffle(chosen, random);
            List<Integer> used = new ArrayList<>(chosen.subList(0, anomaliesPerSensor));
            Collections.sort(used);
            for (int k : used) {
                AnomalyKind kind = kinds.get(kindIndex++ % kinds.size());
                int start = firstAnomalous + k * slot + random.nextInt(ANOMALY_LENGTH);
                int end = kind == AnomalyKind.SPIKE ? start : start + ANOMALY_LENGTH - 1;
                inject(values[s], kind, start, end, level, amplitude, period, phase, noise, random);
                anomalies.add(new InjectedAnomaly(id, kind, start, end, startTs + start * intervalMs, startTs + end * intervalMs));
            }
        }
        return new SyntheticFleet(List.copyOf(ids), values, startTs, intervalMs, normalFraction, List.copyOf(anomalies));
    }

    private static void inject(double[] v, AnomalyKind kind, int start, int end, double level, double amplitude,
            int period, double phase, double noise, Random random) {
        double sign = random.nextBoolean() ? 1 : -1;
        switch (kind) {
            case SPIKE -> v[start] += sign * 6 * amplitude;
            case LEVEL_SHIFT -> {
                for (int i = start; i <= end; i++) {
                    v[i] += sign * 2.5 * amplitude;
                }
            }
            case DRIFT -> {
                for (int i = start; i <= end; i++) {
                    v[i] += sign * 4 * amplitude * (i - start + 1) / (end - start + 1);
                }
            }
            case NOISE_BURST -> {
                for (int i = start; i <= end; i++) {
                    v[i] += 8 * noise * random.nextGaussian() + sign * 0.5 * amplitude * random.nextGaussian();
                }
            }
            case STUCK -> {
                double stuck = v[start];
                for (int i = start; i <= end; i++) {
                    v[i] = stuck;
                }
            }
            case PERIODICITY_CHANGE -> {
                int other = Math.max(4, period / 3);
                for (int i = start; i <= end; i++) {
                    v[i] = level + amplitude * Math.sin(2 * Math.PI * i / other + phase) + noise * random.nextGaussian();
                }
            }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    private static void require(boolean condition, String option, Object value, String expected) {
        if (!condition) {
            throw new IllegalArgumentException("invalid " + option + ": " + value + " (expected " + expected + ")");
        }
    }

    /** Sensor ids, in order. */
    public List<String> sensorIds() {
        return sensorIds;
    }

    /** Readings per sensor. */
    public int readings() {
        return values[0].length;
    }

    /** Reading {@code index} of sensor number {@code sensor}. */
    public double value(int sensor, int index) {
        return values[sensor][index];
    }

    /** Timestamp of reading {@code index} (the same for every sensor). */
    public long timestamp(int index) {
        return startTs + index * intervalMs;
    }

    /** Leading fraction of the readings that is free of anomalies. */
    public double normalFraction() {
        return normalFraction;
    }

    /** Every injected anomaly, by sensor and then time. */
    public List<InjectedAnomaly> anomalies() {
        return anomalies;
    }
}
