package dev.recon.model.window;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How readings are put on a fixed time grid before they are windowed: the grid step, what fills a
 * grid point without a reading, and the longest gap that may be filled.
 *
 * <p>The grid is aligned to multiples of the step since the epoch ({@link #gridTimeOf}), so every
 * sensor, every subtask and every offline run puts the same reading on the same grid point.
 *
 * <pre>{@code
 * ResampleSpec spec = new ResampleSpec(ResampleSpec.parseStep("1s"), GapPolicy.INTERPOLATE, 5);
 * }</pre>
 *
 * @param stepMs grid step in milliseconds, at least 1
 * @param gapPolicy what a grid point without a reading in its cell gets
 * @param maxGapSteps the most consecutive empty grid points that are filled; a longer gap always
 *     breaks the window (0: every gap breaks)
 */
public record ResampleSpec(long stepMs, GapPolicy gapPolicy, int maxGapSteps) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default of {@link #maxGapSteps()}: short drop-outs are filled, an outage is not. */
    public static final int DEFAULT_MAX_GAP_STEPS = 5;
    /** Default gap policy. */
    public static final GapPolicy DEFAULT_GAP_POLICY = GapPolicy.FILL_FORWARD;

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)");

    /** Checks the values. */
    public ResampleSpec {
        Objects.requireNonNull(gapPolicy, "gapPolicy");
        if (stepMs < 1) {
            throw new IllegalArgumentException("grid step must be at least 1 ms, got " + stepMs);
        }
        if (maxGapSteps < 0) {
            throw new IllegalArgumentException("max gap steps must be >= 0, got " + maxGapSteps);
        }
    }

    /**
     * The grid point whose cell holds {@code timestamp}: the smallest multiple of the step at or
     * after it. The cell of grid point {@code g} is {@code (g - step, g]}.
     */
    public long gridTimeOf(long timestamp) {
        return Math.multiplyExact(-Math.floorDiv(-timestamp, stepMs), stepMs);
    }

    /** A short description for messages and logs: {@code step 1000 ms, interpolate, max gap 5 steps}. */
    public String describe() {
        return "step " + stepMs + " ms, " + gapPolicy.configName() + ", max gap " + maxGapSteps + " steps";
    }

    /**
     * Parses a grid step: a whole number of milliseconds written with a unit ({@code 500ms},
     * {@code 1s}, {@code 1.5s}, {@code 5m} or {@code 5min}, {@code 1h}, {@code 1d}) or as an
     * ISO-8601 duration ({@code PT1M}, {@code PT0.5S}). A bare number is refused: {@code 60} could
     * mean seconds as well as milliseconds.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static long parseStep(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toLowerCase(Locale.ROOT);
        BigDecimal millis;
        if (t.startsWith("p")) {
            try {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                millis = BigDecimal.valueOf(d.getSeconds()).multiply(BigDecimal.valueOf(1000))
                        .add(BigDecimal.valueOf(d.getNano()).movePointLeft(6));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(expected(text));
            }
        } else {
            Matcher m = WITH_UNIT.matcher(t);
            if (!m.matches()) {
                throw new IllegalArgumentException(expected(text));
            }
            long unit = switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1000L;
                case "m", "min" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 86_400_000L;
            };
            millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        }
        if (millis.signum() <= 0 || millis.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("a grid step must be a positive whole number of milliseconds, got '"
                    + text + "' (" + millis.stripTrailingZeros().toPlainString() + " ms)");
        }
        try {
            return millis.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("grid step '" + text + "' is too long");
        }
    }

    private static String expected(String text) {
        return "cannot read '" + text + "' as a duration; expected a number with a unit (ms, s, m, h, d), e.g. 500ms,"
                + " 1s, 5m, or an ISO-8601 duration such as PT1M";
    }
}
