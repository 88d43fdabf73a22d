package dev.recon.cli.produce;

/**
 * One anomaly the synthetic generator injected: which sensor, what kind, and the readings it spans
 * (indices and timestamps, both inclusive).
 */
public record InjectedAnomaly(String sensorId, AnomalyKind kind, int startIndex, int endIndex, long startTs, long endTs) {

    /** Header of the ground-truth CSV. */
    public static final String CSV_HEADER = "sensor_id,kind,start_ts,end_ts,start_index,end_index";

    /** This anomaly as a row of the ground-truth CSV. */
    public String csvRow() {
        return sensorId + "," + kind.configName() + "," + startTs + "," + endTs + "," + startIndex + "," + endIndex;
    }
}
