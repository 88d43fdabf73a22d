package dev.recon.jobs.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Invalid job configuration: one or more problems, each naming the setting's key and the value
 * given, reported together so a user fixes them in one go.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * One problem with one setting.
     *
     * @param key the setting's key
     * @param value the value given, or {@code null} when none was
     * @param message what is wrong and what was expected
     */
    public record Problem(String key, String value, String message) {

        @Override
        public String toString() {
            return value == null ? key + ": " + message : key + " = '" + value + "': " + message;
        }
    }

    private final transient List<Problem> problems;

    /** An exception reporting {@code problems} (at least one). */
    public ConfigException(List<Problem> problems) {
        super(format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** An exception reporting one problem. */
    public ConfigException(String key, String value, String message) {
        this(List.of(new Problem(key, value, message)));
    }

    /** The problems, in the order the settings are declared. */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (problems.size() == 1) {
            return "invalid configuration: " + problems.get(0);
        }
        return "invalid configuration (" + problems.size() + " problems):"
                + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
    }
}
