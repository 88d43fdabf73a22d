package dev.recon.operators.routing;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over sensor ids: {@code *} matches any run of characters (none included), {@code ?}
 * exactly one, every other character itself; the whole id must match ({@code pump-*} matches
 * {@code pump-7} but not {@code old-pump-7}).
 *
 * <p>Brackets, braces and backslashes are refused rather than taken literally: in other glob
 * dialects they mean character classes, alternatives and escapes, and a pattern that silently
 * meant something else would route sensors to the wrong model. Whitespace, {@code =} and
 * {@code ;} are refused too: they separate routes in the job's configuration.
 */
public final class SensorPattern implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String RESERVED = "[]{}\\=;";

    private final String glob;
    private final Pattern regex;

    private SensorPattern(String glob) {
        this.glob = glob;
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        this.regex = Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /**
     * The glob {@code text}.
     *
     * @throws IllegalArgumentException saying which character is not allowed, or that it is empty
     */
    public static SensorPattern parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty sensor pattern; expected a sensor id or a glob such as pump-*");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || RESERVED.indexOf(c) >= 0) {
                throw new IllegalArgumentException("sensor pattern '" + text + "' has '" + c + "' at position "
                        + (i + 1) + "; patterns are globs of literal characters, * (any run) and ? (one character),"
                        + " without whitespace or any of " + RESERVED);
            }
        }
        return new SensorPattern(text);
    }

    /** Whether the whole of {@code sensorId} matches. */
    public boolean matches(String sensorId) {
        return regex.matcher(sensorId).matches();
    }

    /** Whether every sensor id matches ({@code *}, {@code **}, ...). */
    public boolean matchesEverything() {
        return glob.chars().allMatch(c -> c == '*');
    }

    /** The glob as written. */
    public String glob() {
        return glob;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensorPattern other && glob.equals(other.glob);
    }

    @Override
    public int hashCode() {
        return glob.hashCode();
    }

    @Override
    public String toString() {
        return glob;
    }
}
