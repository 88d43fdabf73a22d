package dev.recon.bench.nab;

import dev.recon.cli.produce.AnomalyKind;
import dev.recon.cli.produce.InjectedAnomaly;
import dev.recon.cli.produce.SyntheticFleet;
import java.util.ArrayList;
import java.util.List;

/**
 * A held-out corpus in NAB's form from recon's synthetic fleet ({@code recon produce --synthetic}):
 * one file per sensor, every anomaly kind in turn, windows labelled as NAB labels them. Nothing in
 * recon's defaults was chosen on it, so it says how the defaults do on series they never saw.
 *
 * <p>NAB's windows: 10% of the file's length divided by its number of anomalies, centred on the
 * anomaly's start (and stretched to cover its end, for the 40-reading kinds). The generator keeps
 * the first {@link #NORMAL_FRACTION} of each series free of anomalies, past NAB's 15% probation.
 */
public final class SyntheticNabCorpus {

    /** Leading share of each series without anomalies (NAB's probation is the first 15%). */
    public static final double NORMAL_FRACTION = 0.2;
    /** Five-minute readings, as most NAB series. */
    static final long INTERVAL_MS = 300_000;
    /** 2026-01-01T00:00:00Z. */
    static final long START_TS = 1_767_225_600_000L;

    private SyntheticNabCorpus() {}

    /**
     * The corpus of {@code sensors} series of {@code readings} each, {@code anomaliesPerSensor}
     * anomalies in each, generated from {@code seed}.
     */
    public static List<NabFile> generate(int sensors, int readings, int anomaliesPerSensor, long seed) {
        SyntheticFleet fleet = SyntheticFleet.generate(sensors, readings, START_TS, INTERVAL_MS, anomaliesPerSensor,
                List.of(AnomalyKind.values()), NORMAL_FRACTION, seed);
        List<NabFile> files = new ArrayList<>(sensors);
        for (int s = 0; s < sensors; s++) {
            String id = fleet.sensorIds().get(s);
            long[] timestamps = new long[readings];
            double[] values = new double[readings];
            for (int i = 0; i < readings; i++) {
                timestamps[i] = fleet.timestamp(i);
                values[i] = fleet.value(s, i);
            }
            List<InjectedAnomaly> own = fleet.anomalies().stream().filter(a -> a.sensorId().equals(id)).toList();
            files.add(new NabFile("synthetic/" + id + "-" + kinds(own) + ".csv", timestamps, values,
                    windows(own, timestamps)));
        }
        return files;
    }

    /** NAB-style windows around each anomaly, as timestamps of rows of the file. */
    static List<long[]> windows(List<InjectedAnomaly> anomalies, long[] timestamps) {
        List<long[]> windows = new ArrayList<>();
        if (anomalies.isEmpty()) {
            return windows;
        }
        int length = (int) Math.round(0.1 * timestamps.length / anomalies.size());
        int lastTo = -1;
        for (InjectedAnomaly a : anomalies) { // in time order
            int from = Math.max(0, a.startIndex() - length / 2);
            int to = Math.min(timestamps.length - 1, Math.max(a.endIndex(), a.startIndex() + length / 2));
            if (from <= lastTo) { // NAB's windows never overlap: two close anomalies share one
                windows.get(windows.size() - 1)[1] = timestamps[to];
            } else {
                windows.add(new long[] {timestamps[from], timestamps[to]});
            }
            lastTo = to;
        }
        return windows;
    }

    private static String kinds(List<InjectedAnomaly> anomalies) {
        return String.join("+", anomalies.stream().map(a -> a.kind().configName()).toList());
    }
}
