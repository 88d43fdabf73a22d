package dev.recon.model.bundle;

import java.util.List;
import java.util.Objects;

/**
 * What a model consumes: windows of {@code windowLength} steps over the named channels.
 *
 * @param type input type, {@code timeseries} for windows of sensor readings
 * @param channels channel names in the order the model expects them
 * @param windowLength steps per window
 * @param stride readings between consecutive windows when streaming
 * @param shape the model's input shape per example: {@code [windowLength, channels]}
 */
public record InputSpec(String type, List<String> channels, int windowLength, int stride, List<Integer> shape) {

    /** Input type of sensor-reading windows. */
    public static final String TIME_SERIES = "timeseries";

    /** Validates the fields and that {@code shape} agrees with them. */
    public InputSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(channels, "channels");
        channels = List.copyOf(channels);
        if (!TIME_SERIES.equals(type)) {
            throw new IllegalArgumentException("input type must be '" + TIME_SERIES + "', got '" + type + "'");
        }
        if (channels.isEmpty() || channels.stream().distinct().count() != channels.size()) {
            throw new IllegalArgumentException("channels must be non-empty and distinct, got " + channels);
        }
        if (windowLength < 1 || stride < 1) {
            throw new IllegalArgumentException(
                    "windowLength and stride must be >= 1, got " + windowLength + " and " + stride);
        }
        List<Integer> expected = List.of(windowLength, channels.size());
        if (shape == null) {
            shape = expected;
        } else if (!shape.equals(expected)) {
            throw new IllegalArgumentException("shape " + shape + " does not match [windowLength, channels] = " + expected);
        }
    }

    /** A time-series input. */
    public static InputSpec timeSeries(List<String> channels, int windowLength, int stride) {
        return new InputSpec(TIME_SERIES, channels, windowLength, stride, null);
    }

    /** Flattened size of one window. */
    public int windowSize() {
        return windowLength * channels.size();
    }
}
