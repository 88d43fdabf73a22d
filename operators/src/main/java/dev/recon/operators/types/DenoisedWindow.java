package dev.recon.operators.types;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * The model's reconstruction of one scored window, in the sensor's units: the cleaned signal.
 *
 * @param sensorId the sensor
 * @param timestamps the timestamp of each step, oldest first
 * @param channels channel names in the model's order
 * @param values reconstructed values, step-major ({@code [step][channel]}), denormalised
 * @param model the model's name
 * @param modelVersion the model's version
 */
public record DenoisedWindow(
        String sensorId, long[] timestamps, String[] channels, double[] values, String model, String modelVersion) {

    /** Flink type information (a POJO type: no Kryo). */
    public static final TypeInformation<DenoisedWindow> TYPE_INFO = TypeInformation.of(DenoisedWindow.class);

    /** Side output of the scorer carrying reconstructions, when enabled. */
    public static final OutputTag<DenoisedWindow> OUTPUT_TAG = new OutputTag<>("denoised", TYPE_INFO);

    /** Checks that the arrays line up. */
    public DenoisedWindow {
        Objects.requireNonNull(sensorId, "sensorId");
        if (values.length != timestamps.length * channels.length) {
            throw new IllegalArgumentException(values.length + " values for " + timestamps.length + " steps x "
                    + channels.length + " channels");
        }
    }

    /** Timestamp of the oldest step. */
    public long windowStart() {
        return timestamps[0];
    }

    /** Timestamp of the newest step. */
    public long windowEnd() {
        return timestamps[timestamps.length - 1];
    }

    /** Each channel's reconstructed series, in the model's channel order. */
    public Map<String, double[]> series() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int c = 0; c < channels.length; c++) {
            double[] s = new double[timestamps.length];
            for (int t = 0; t < s.length; t++) {
                s[t] = values[t * channels.length + c];
            }
            out.put(channels[c], s);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenoisedWindow other && sensorId.equals(other.sensorId)
                && Arrays.equals(timestamps, other.timestamps) && Arrays.equals(channels, other.channels)
                && Arrays.equals(values, other.values) && model.equals(other.model)
                && modelVersion.equals(other.modelVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensorId, Arrays.hashCode(timestamps), Arrays.hashCode(values), model, modelVersion);
    }
}
