package dev.recon.cli.produce;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes what the synthetic generator injected: the ground truth (CSV, or JSON for a path ending in
 * {@code .json}) and, optionally, every sensor's readings as CSV for training.
 */
public final class GroundTruthFiles {

    private GroundTruthFiles() {}

    /**
     * Writes the anomalies: CSV with header {@value InjectedAnomaly#CSV_HEADER}, or a JSON array of
     * objects with the same fields when {@code file} ends in {@code .json}.
     */
    public static void writeAnomalies(Path file, List<InjectedAnomaly> anomalies) throws IOException {
        createParent(file);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (file.getFileName().toString().endsWith(".json")) {
                out.write("[\n");
                for (int i = 0; i < anomalies.size(); i++) {
                    InjectedAnomaly a = anomalies.get(i);
                    out.write(String.format("  {\"sensorId\": %s, \"kind\": \"%s\", \"start\": %d, \"end\": %d,"
                                    + " \"startIndex\": %d, \"endIndex\": %d}%s%n",
                            SensorReadingEncoder.quote(a.sensorId()), a.kind().configName(), a.startTs(), a.endTs(),
                            a.startIndex(), a.endIndex(), i + 1 < anomalies.size() ? "," : ""));
                }
                out.write("]\n");
            } else {
                out.write(InjectedAnomaly.CSV_HEADER + "\n");
                for (InjectedAnomaly a : anomalies) {
                    out.write(a.csvRow() + "\n");
                }
            }
        }
    }

    /**
     * Writes the first {@code rows} readings of one sensor as {@code timestamp,value} CSV (epoch
     * milliseconds), the format {@code recon train} reads.
     */
    public static void writeSensorCsv(Path file, SyntheticFleet fleet, int sensor, int rows) throws IOException {
        createParent(file);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("timestamp,value\n");
            for (int i = 0; i < rows; i++) {
                out.write(fleet.timestamp(i) + "," + fleet.value(sensor, i) + "\n");
            }
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
