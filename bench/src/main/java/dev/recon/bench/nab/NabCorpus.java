package dev.recon.bench.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads a NAB corpus folder: {@code data/<group>/<file>.csv} and {@code combined_windows.json}. */
public final class NabCorpus {

    private NabCorpus() {}

    /** Every labelled CSV under {@code root/data}, sorted by name. */
    public static List<NabFile> read(Path root) throws IOException {
        Path labels = root.resolve("combined_windows.json");
        if (!Files.isRegularFile(labels)) {
            throw new IllegalArgumentException(root + " is not a NAB corpus: no combined_windows.json");
        }
        JsonNode windows = new ObjectMapper().readTree(labels.toFile());
        List<NabFile> files = new ArrayList<>();
        Path data = root.resolve("data");
        try (Stream<Path> csvs = Files.walk(data)) {
            for (Path csv : csvs.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                String name = data.relativize(csv).toString().replace('\\', '/');
                JsonNode fileWindows = windows.get(name);
                if (fileWindows == null) {
                    continue;
                }
                TimeSeries series = TimeSeriesCsv.read(csv);
                double[] values = new double[series.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = series.rows()[i][0];
                }
                List<long[]> bounds = new ArrayList<>();
                for (JsonNode pair : fileWindows) {
                    bounds.add(new long[] {TimeSeriesCsv.parseTimestamp(pair.get(0).asText()),
                            TimeSeriesCsv.parseTimestamp(pair.get(1).asText())});
                }
                files.add(new NabFile(name, series.timestamps(), values, bounds));
            }
        }
        return files;
    }

    /** The file as a one-channel series named {@code value}. */
    public static TimeSeries asSeries(NabFile file) {
        double[][] rows = new double[file.values().length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {file.values()[i]};
        }
        return new TimeSeries(file.name(), List.of("value"), file.timestamps(), rows, null);
    }

    /** Windows per file, for reports. */
    public static Map<String, Integer> windowCounts(List<NabFile> files) {
        return files.stream().collect(java.util.stream.Collectors.toMap(NabFile::name, f -> f.windows().size()));
    }
}
