package dev.recon.trainer.data;

import java.util.Objects;

/**
 * One sensor's recorded series, named by the sensor id the job will see in its readings, so a model
 * fitted on several sensors can keep each one's normalisation statistics under that id.
 *
 * @param sensorId the {@code sensorId} of the sensor's readings
 * @param series its recorded rows
 */
public record SensorSeries(String sensorId, TimeSeries series) {

    /** Checks that the id is not blank. */
    public SensorSeries {
        Objects.requireNonNull(series, "series");
        if (sensorId == null || sensorId.isBlank()) {
            throw new IllegalArgumentException("the series " + series.source() + " needs a non-empty sensor id");
        }
    }

    /**
     * The sensor id a file stands for when none is given: its name without the extension
     * ({@code data/pump-7.csv} is {@code pump-7}).
     */
    public static String idOfFile(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
