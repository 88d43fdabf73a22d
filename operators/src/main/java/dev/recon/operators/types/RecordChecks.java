package dev.recon.operators.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The checks and views the scored and event records share: channel errors that line up, error grids, conditions. */
final class RecordChecks {

    private RecordChecks() {}

    /** Fails unless there is one error per channel name. */
    static void channelsLineUp(String[] channels, double[] channelErrors) {
        if (channels.length != channelErrors.length) {
            throw new IllegalArgumentException(channels.length + " channel names but "
                    + channelErrors.length + " channel errors");
        }
    }

    /** Fails unless the grid has at least one cell and one error per cell. */
    static void gridFits(int gridRows, int gridCols, double[] gridErrors) {
        if (gridRows < 1 || gridCols < 1 || gridErrors.length != gridRows * gridCols) {
            throw new IllegalArgumentException("error grid of " + gridRows + " x " + gridCols + " cells has "
                    + gridErrors.length + " values");
        }
    }

    /** Fails if an image's condition is given but blank ({@code null} means none). */
    static void conditionNotBlank(String condition, String sourceId) {
        if (condition != null && condition.isBlank()) {
            throw new IllegalArgumentException("condition of the image of " + sourceId + " is blank; null for none");
        }
    }

    /** Per-channel error by channel name, in the model's channel order (read-only). */
    static Map<String, Double> channelErrorMap(String[] channels, double[] channelErrors) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int c = 0; c < channels.length; c++) {
            map.put(channels[c], channelErrors[c]);
        }
        return Collections.unmodifiableMap(map);
    }
}
