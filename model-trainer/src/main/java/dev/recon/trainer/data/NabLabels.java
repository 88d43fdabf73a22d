package dev.recon.trainer.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anomaly windows in NAB's labels format ({@code combined_windows.json}): a JSON object mapping data
 * file names to lists of {@code [start, end]} timestamp pairs.
 *
 * <pre>{@code
 * {"realKnownCause/ec2_request_latency_system_failure.csv": [
 *     ["2014-03-14 03:31:00.000000", "2014-03-14 14:41:00.000000"]]}
 * }</pre>
 *
 * <p>Timestamps take any form {@link TimeSeriesCsv} reads (NAB writes {@code yyyy-MM-dd HH:mm:ss.ffffff},
 * read as UTC). A file may have no windows (an empty list).
 *
 * @param source where the labels were read from, for messages
 * @param windows anomaly windows per file name, in the file's order
 */
public record NabLabels(String source, Map<String, List<AnomalyWindow>> windows) {

    /** Copies the map, keeping its order. */
    public NabLabels {
        Map<String, List<AnomalyWindow>> copy = new LinkedHashMap<>();
        windows.forEach((file, list) -> copy.put(file, List.copyOf(list)));
        windows = Collections.unmodifiableMap(copy);
    }

    /** Reads {@code file}; fails naming the entry and pair that is not a valid window. */
    public static NabLabels read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("labels file not found: " + file);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object mapping data file names to lists of"
                    + " [start, end] anomaly windows (NAB's combined_windows.json format)");
        }
        Map<String, List<AnomalyWindow>> windows = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            windows.put(entry.getKey(), windows(file, entry.getKey(), entry.getValue()));
        }
        return new NabLabels(file.toString(), windows);
    }

    /**
     * The windows of {@code dataFile}: the entry whose name is the file's path as given, its file
     * name, or ends with {@code /} and its file name (NAB names files {@code group/name.csv}).
     *
     * @throws IllegalArgumentException when no entry, or more than one, matches
     */
    public List<AnomalyWindow> windowsFor(Path dataFile) {
        String path = dataFile.toString().replace('\\', '/');
        if (windows.containsKey(path)) {
            return windows.get(path);
        }
        String name = dataFile.getFileName().toString();
        List<String> matches = windows.keySet().stream()
                .filter(key -> key.equals(name) || key.endsWith("/" + name))
                .toList();
        if (matches.size() == 1) {
            return windows.get(matches.get(0));
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException(source + " has no anomaly windows for '" + name + "'; its entries are "
                    + windows.keySet());
        }
        throw new IllegalArgumentException(source + " has several entries for '" + name + "': " + matches
                + "; name the data file by one of those paths");
    }

    private static List<AnomalyWindow> windows(Path file, String key, JsonNode list) {
        String where = file + " entry '" + key + "'";
        if (!list.isArray()) {
            throw new IllegalArgumentException(where + ": expected a list of [start, end] pairs, got " + list);
        }
        List<AnomalyWindow> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode pair = list.get(i);
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isValueNode() || !pair.get(1).isValueNode()) {
                throw new IllegalArgumentException(where + " window " + i + ": expected a pair [start, end] of"
                        + " timestamps, got " + pair);
            }
            long start = timestamp(pair.get(0), where + " window " + i + " start");
            long end = timestamp(pair.get(1), where + " window " + i + " end");
            try {
                result.add(new AnomalyWindow(start, end));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " window " + i + ": " + e.getMessage());
            }
        }
        return result;
    }

    private static long timestamp(JsonNode node, String where) {
        String text = node.asText();
        try {
            return TimeSeriesCsv.parseTimestamp(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(where + ": expected a timestamp (epoch ms, ISO-8601 or"
                    + " 'yyyy-MM-dd HH:mm:ss'), got '" + text + "'");
        }
    }
}
