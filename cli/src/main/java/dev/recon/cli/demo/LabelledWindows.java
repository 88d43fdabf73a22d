package dev.recon.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.trainer.data.TimeSeriesCsv;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Labelled anomaly windows of one series (NAB's {@code combined_windows.json} format), and how a
 * detector's alarms fall inside or outside them.
 */
public final class LabelledWindows {

    /** One labelled window, in epoch milliseconds, inclusive. */
    public record Window(long start, long end) {
        boolean contains(long ts) {
            return ts >= start && ts <= end;
        }
    }

    /**
     * How alarms compare with the labels.
     *
     * @param firstAlarm per window, the timestamp of its first alarm, or {@code null} if missed
     * @param alarmsInside alarms inside some window
     * @param alarmsOutside alarms outside every window (false positives)
     */
    public record Evaluation(List<Window> windows, List<Long> firstAlarm, int alarmsInside, int alarmsOutside) {

        /** Windows with at least one alarm. */
        public long caught() {
            return firstAlarm.stream().filter(t -> t != null).count();
        }
    }

    private final List<Window> windows;

    /** Labels given directly. */
    public LabelledWindows(List<Window> windows) {
        this.windows = List.copyOf(windows);
    }

    /**
     * Reads the windows of one file from a {@code combined_windows.json} document. The key is matched
     * exactly, or else by file name, so {@code realKnownCause/x.csv} and {@code x.csv} both work.
     */
    public static LabelledWindows read(InputStream json, String file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        String name = file.substring(file.lastIndexOf('/') + 1);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (key.equals(file) || key.endsWith("/" + name) || key.equals(name)) {
                List<Window> windows = new ArrayList<>();
                for (JsonNode pair : entry.getValue()) {
                    windows.add(new Window(TimeSeriesCsv.parseTimestamp(pair.get(0).asText()),
                            TimeSeriesCsv.parseTimestamp(pair.get(1).asText())));
                }
                return new LabelledWindows(windows);
            }
        }
        throw new IllegalArgumentException("the labels file has no entry for '" + file + "'");
    }

    /** The windows, in file order. */
    public List<Window> windows() {
        return windows;
    }

    /** Compares alarm timestamps (any order) with the windows. */
    public Evaluation evaluate(List<Long> alarms) {
        List<Long> first = new ArrayList<>();
        for (int k = 0; k < windows.size(); k++) {
            first.add(null);
        }
        int inside = 0;
        int outside = 0;
        for (long ts : alarms) {
            boolean hit = false;
            for (int k = 0; k < windows.size(); k++) {
                if (windows.get(k).contains(ts)) {
                    hit = true;
                    if (first.get(k) == null || ts < first.get(k)) {
                        first.set(k, ts);
                    }
                }
            }
            if (hit) {
                inside++;
            } else {
                outside++;
            }
        }
        return new Evaluation(windows, first, inside, outside);
    }
}
