package dev.recon.jobs.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One declared setting: key, value type, default and description, and how a text value becomes a
 * typed one.
 *
 * <p>A setting is either required (no default), has a default value, or is optional with a
 * default that depends on other settings (described in words, resolved by the job's config).
 *
 * <pre>{@code
 * static final Setting<Integer> PARALLELISM =
 *         Setting.integer("parallelism", 1, 1, "Parallelism of every operator.");
 * }</pre>
 *
 * @param <T> the value type
 */
public final class Setting<T> {

    /** Converts a text value, throwing {@link IllegalArgumentException} saying what was expected. */
    @FunctionalInterface
    public interface Parser<T> {
        /** The typed value of {@code text} (already trimmed). */
        T parse(String text);
    }

    private final String key;
    private final String type;
    private final Kind kind;
    private final String defaultText;
    private final String description;
    private final Parser<T> parser;

    private enum Kind { REQUIRED, DEFAULTED, DERIVED }

    private Setting(String key, String type, Kind kind, String defaultText, String description, Parser<T> parser) {
        this.key = Objects.requireNonNull(key, "key");
        this.type = Objects.requireNonNull(type, "type");
        this.kind = kind;
        this.defaultText = defaultText;
        this.description = Objects.requireNonNull(description, "description");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /** A required setting (no default). */
    public static <T> Setting<T> required(String key, String type, String description, Parser<T> parser) {
        return new Setting<>(key, type, Kind.REQUIRED, null, description, parser);
    }

    /** A setting with a default, given as text and parsed like any value. */
    public static <T> Setting<T> withDefault(
            String key, String type, String defaultText, String description, Parser<T> parser) {
        Setting<T> setting = new Setting<>(key, type, Kind.DEFAULTED, defaultText, description, parser);
        setting.parse(defaultText); // a bad default is a bug: fail when the class loads
        return setting;
    }

    /** An optional setting whose default is derived from other settings, described in words. */
    public static <T> Setting<T> derived(
            String key, String type, String defaultDescription, String description, Parser<T> parser) {
        return new Setting<>(key, type, Kind.DERIVED, defaultDescription, description, parser);
    }

    /** A non-blank string with a default. */
    public static Setting<String> string(String key, String defaultValue, String description) {
        return withDefault(key, "string", defaultValue, description, Setting::nonBlank);
    }

    /** An integer of at least {@code min} with a default. */
    public static Setting<Integer> integer(String key, int defaultValue, int min, String description) {
        return withDefault(key, "integer", Integer.toString(defaultValue), description, integerParser(min));
    }

    /** Parser of an integer of at least {@code min}. */
    public static Parser<Integer> integerParser(int min) {
        return text -> {
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer >= " + min);
            }
            if (value < min) {
                throw new IllegalArgumentException("expected an integer >= " + min);
            }
            return value;
        };
    }

    /** A long of at least {@code min} with a default. */
    public static Setting<Long> longInteger(String key, long defaultValue, long min, String description) {
        return withDefault(key, "integer", Long.toString(defaultValue), description, text -> {
            long value;
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer >= " + min);
            }
            if (value < min) {
                throw new IllegalArgumentException("expected an integer >= " + min);
            }
            return value;
        });
    }

    /** A boolean, written {@code true} or {@code false}. */
    public static Setting<Boolean> bool(String key, boolean defaultValue, String description) {
        return withDefault(key, "true|false", Boolean.toString(defaultValue), description, text -> {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.valueOf(t);
            }
            throw new IllegalArgumentException("expected true or false");
        });
    }

    /**
     * One of an enum's constants, written in lower case with dashes ({@code AT_LEAST_ONCE} is
     * {@code at-least-once}).
     */
    public static <E extends Enum<E>> Setting<E> choice(String key, Class<E> type, E defaultValue, String description) {
        String choices = Arrays.stream(type.getEnumConstants()).map(Setting::configName)
                .collect(Collectors.joining("|"));
        return withDefault(key, choices, configName(defaultValue), description, text -> {
            for (E constant : type.getEnumConstants()) {
                if (configName(constant).equals(text.toLowerCase(Locale.ROOT))) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("expected one of " + choices.replace("|", ", "));
        });
    }

    /** How an enum constant is written in configuration: lower case with dashes. */
    public static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A finite number greater than 0 with a default. */
    public static Setting<Double> positiveNumber(String key, double defaultValue, String description) {
        return withDefault(key, "number", Double.toString(defaultValue), description, text -> {
            double value;
            try {
                value = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number > 0");
            }
            if (!(value > 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException("expected a finite number > 0");
            }
            return value;
        });
    }

    /** Parser of a non-blank string. */
    public static String nonBlank(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("expected a non-empty value");
        }
        return text;
    }

    /** Parser of a path that must exist. */
    public static Path existingPath(String text) {
        try {
            Path path = Path.of(nonBlank(text));
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("no such file or directory: " + path.toAbsolutePath());
            }
            return path;
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: " + e.getMessage(), e);
        }
    }

    /** The key. */
    public String key() {
        return key;
    }

    /** The value type, in words ({@code integer}, {@code earliest|latest|committed}, ...). */
    public String type() {
        return type;
    }

    /** Whether a value must be given. */
    public boolean isRequired() {
        return kind == Kind.REQUIRED;
    }

    /** Whether the default depends on other settings (see {@link #defaultText()}). */
    public boolean isDerived() {
        return kind == Kind.DERIVED;
    }

    /** The default as text ({@code null} when required; a description when derived). */
    public String defaultText() {
        return defaultText;
    }

    /** What the setting does. */
    public String description() {
        return description;
    }

    /**
     * Parses a value.
     *
     * @throws ConfigException naming this key and the value
     */
    public T parse(String text) {
        try {
            return parser.parse(text.trim());
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException(key, text, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** The default value, parsed (for a setting with a plain default). */
    T defaultValue() {
        if (kind != Kind.DEFAULTED) {
            throw new IllegalStateException(key + " has no plain default");
        }
        return parse(defaultText);
    }

    @Override
    public String toString() {
        return key;
    }
}
