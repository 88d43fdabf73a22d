package dev.recon.operators.types;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A change in a sensor's incident: consecutive anomalous windows merged into one, so a long anomaly
 * pages once.
 *
 * @param type {@link #OPEN} when the first anomalous window arrives, {@link #CLOSED} after the quiet period
 * @param incidentId stable id: sensor id and start time
 * @param sensorId the sensor
 * @param start end timestamp of the first anomalous window (when the anomaly was detected)
 * @param end end timestamp of the last anomalous window so far
 * @param windows anomalous windows merged into the incident so far
 * @param peakSeverity largest score / threshold so far
 * @param peakScore the score of that window
 * @param peakTs timestamp of the largest per-step error in that window
 * @param channels channel names in the model's order
 * @param channelErrors per-channel error of the peak window: which channel is off
 * @param model the model's name
 * @param modelVersion the model's version (of the latest window)
 */
public record IncidentEvent(
        String type,
        String incidentId,
        String sensorId,
        long start,
        long end,
        long windows,
        double peakSeverity,
        double peakScore,
        long peakTs,
        String[] channels,
        double[] channelErrors,
        String model,
        String modelVersion) {

    /** Event type when an incident starts. */
    public static final String OPEN = "incident-open";
    /** Event type when an incident ends. */
    public static final String CLOSED = "incident-closed";

    /** Flink type information (a POJO type: no Kryo). */
    public static final TypeInformation<IncidentEvent> TYPE_INFO = TypeInformation.of(IncidentEvent.class);

    /** Checks the type. */
    public IncidentEvent {
        if (!OPEN.equals(type) && !CLOSED.equals(type)) {
            throw new IllegalArgumentException("incident event type must be " + OPEN + " or " + CLOSED + ", got " + type);
        }
        Objects.requireNonNull(sensorId, "sensorId");
    }

    /** Per-channel error of the peak window by channel name, in the model's order. */
    public Map<String, Double> channelErrorMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int c = 0; c < channels.length; c++) {
            map.put(channels[c], channelErrors[c]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncidentEvent other && type.equals(other.type) && incidentId.equals(other.incidentId)
                && start == other.start && end == other.end && windows == other.windows
                && Double.compare(peakSeverity, other.peakSeverity) == 0 && peakTs == other.peakTs
                && Arrays.equals(channelErrors, other.channelErrors) && modelVersion.equals(other.modelVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, incidentId, start, end, windows, peakSeverity, peakTs);
    }

    @Override
    public String toString() {
        return type + "{" + incidentId + ", [" + start + ", " + end + "], windows=" + windows + ", peakSeverity="
                + peakSeverity + "}";
    }
}
