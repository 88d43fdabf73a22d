package dev.recon.model.window;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a {@link Resampler} does with a grid point whose cell holds no reading.
 *
 * <p>A run of empty cells longer than {@link ResampleSpec#maxGapSteps()} always breaks, whatever the
 * policy: a sensor that was off for a day must not get a day of invented values.
 */
public enum GapPolicy {
    /** The point takes the last reading before it (the value carried forward). */
    FILL_FORWARD,
    /** The point takes the straight line between the readings before and after it, at its grid time. */
    INTERPOLATE,
    /** No point: the sensor's window restarts after the gap. */
    BREAK;

    /** How the policy is written in settings and options: lower case with dashes ({@code fill-forward}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The policy written {@code text} ({@code fill-forward}, {@code interpolate} or {@code break}, any case).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static GapPolicy parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (GapPolicy policy : values()) {
            if (policy.configName().equals(wanted)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown gap policy '" + text + "', expected one of "
                + Arrays.stream(values()).map(GapPolicy::configName).collect(Collectors.joining(", ")));
    }
}
