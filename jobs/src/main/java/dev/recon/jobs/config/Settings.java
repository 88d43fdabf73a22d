package dev.recon.jobs.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A table of declared {@link Setting}s: reads values from properties files and command-line
 * arguments, validates all of them at once, and renders help text and a Markdown reference.
 *
 * <p>Unknown keys are errors (a typo must not silently fall back to a default), except keys under
 * the table's pass-through prefix, if any, which are handed on as they are (client properties of a
 * connector, for example).
 *
 * <pre>{@code
 * Settings.Values values = SETTINGS.parse(Settings.readArgs(args));
 * int parallelism = values.get(PARALLELISM);
 * }</pre>
 */
public final class Settings {

    /** The argument naming a properties file to read before the other arguments. */
    public static final String CONFIG_ARGUMENT = "--config";

    private final Map<String, Setting<?>> byKey = new LinkedHashMap<>();
    private final String passThroughPrefix;
    private final String passThroughDescription;

    private Settings(List<Setting<?>> settings, String passThroughPrefix, String passThroughDescription) {
        for (Setting<?> setting : settings) {
            if (byKey.put(setting.key(), setting) != null) {
                throw new IllegalArgumentException("setting '" + setting.key() + "' is declared twice");
            }
        }
        this.passThroughPrefix = passThroughPrefix;
        this.passThroughDescription = passThroughDescription;
    }

    /** A table of the given settings, in the order they are shown. */
    public static Settings of(List<Setting<?>> settings) {
        return new Settings(settings, null, null);
    }

    /**
     * A table of the given settings that also accepts any key starting with {@code prefix}.
     *
     * @param description what the pass-through keys are for, for the help text
     */
    public static Settings withPassThrough(List<Setting<?>> settings, String prefix, String description) {
        return new Settings(settings, Objects.requireNonNull(prefix, "prefix"), description);
    }

    /** The declared settings, in order. */
    public List<Setting<?>> settings() {
        return List.copyOf(byKey.values());
    }

    /**
     * Reads arguments: {@code --config FILE} (a properties file, read first, may be repeated; later
     * files win), then {@code --key value} or {@code --key=value} pairs, which override the files.
     *
     * @throws ConfigException for a malformed argument list or an unreadable file
     */
    public static Map<String, String> readArgs(String... args) {
        Map<String, String> fromFiles = new LinkedHashMap<>();
        Map<String, String> fromArgs = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException(arg, null,
                        "unexpected argument; expected --key value, --key=value or " + CONFIG_ARGUMENT + " FILE");
            }
            String key;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                key = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                key = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new ConfigException(key, null, "no value after " + arg);
                }
                value = args[++i];
            }
            if (CONFIG_ARGUMENT.equals("--" + key)) {
                fromFiles.putAll(readProperties(Path.of(value)));
            } else {
                fromArgs.put(key, value);
            }
        }
        fromFiles.putAll(fromArgs);
        return fromFiles;
    }

    /**
     * Reads a properties file (UTF-8).
     *
     * @throws ConfigException naming the file if it cannot be read
     */
    public static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(CONFIG_ARGUMENT.substring(2), file.toString(),
                    "cannot read the properties file: " + e);
        }
        Map<String, String> values = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(name, properties.getProperty(name));
        }
        return values;
    }

    /**
     * Reads a properties file (UTF-8), then puts {@code overrides} on top of it.
     *
     * @throws ConfigException naming the file if it cannot be read
     */
    public static Map<String, String> readProperties(Path file, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(readProperties(file));
        values.putAll(overrides);
        return values;
    }

    /**
     * Validates {@code raw} against the table.
     *
     * @throws ConfigException listing every unknown key, missing required setting and bad value
     */
    public Values parse(Map<String, String> raw) {
        List<ConfigException.Problem> problems = new ArrayList<>();
        Map<String, String> passThrough = new TreeMap<>();
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            String key = entry.getKey();
            if (byKey.containsKey(key)) {
                continue;
            }
            if (passThroughPrefix != null && key.startsWith(passThroughPrefix) && key.length() > passThroughPrefix.length()) {
                passThrough.put(key.substring(passThroughPrefix.length()), entry.getValue());
                continue;
            }
            problems.add(new ConfigException.Problem(key, entry.getValue(), unknownKeyMessage(key)));
        }
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        for (Setting<?> setting : byKey.values()) {
            String text = raw.get(setting.key());
            try {
                if (text != null) {
                    values.put(setting, setting.parse(text));
                } else if (setting.isRequired()) {
                    problems.add(new ConfigException.Problem(setting.key(), null,
                            "required but not set (" + setting.description() + ")"));
                } else if (!setting.isDerived()) {
                    values.put(setting, setting.defaultValue());
                }
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Values(values, passThrough);
    }

    private String unknownKeyMessage(String key) {
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String known : byKey.keySet()) {
            int distance = editDistance(key, known);
            if (distance < best) {
                best = distance;
                closest = known;
            }
        }
        String hint = closest != null && best <= Math.max(2, key.length() / 4) ? "did you mean '" + closest + "'? " : "";
        return "unknown setting; " + hint + "known settings: " + String.join(", ", byKey.keySet())
                + (passThroughPrefix == null ? "" : ", and " + passThroughPrefix + "*");
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Plain-text help: one block per setting with its type, default and description. */
    public String helpText() {
        StringBuilder text = new StringBuilder();
        for (Setting<?> setting : byKey.values()) {
            text.append("  --").append(setting.key()).append(" <").append(setting.type()).append(">\n")
                    .append("      ").append(setting.description()).append('\n')
                    .append("      ").append(defaultLabel(setting)).append('\n');
        }
        if (passThroughPrefix != null) {
            text.append("  --").append(passThroughPrefix).append("<name> <value>\n")
                    .append("      ").append(passThroughDescription).append('\n');
        }
        return text.toString();
    }

    /** A Markdown table of the settings (key, type, default, description). */
    public String markdown() {
        StringBuilder md = new StringBuilder("| key | type | default | description |\n| --- | --- | --- | --- |\n");
        for (Setting<?> setting : byKey.values()) {
            String defaultCell = setting.isRequired() ? "**required**"
                    : setting.isDerived() ? setting.defaultText() : "`" + setting.defaultText() + "`";
            md.append("| `").append(setting.key()).append("` | ").append(setting.type().replace("|", "\\|"))
                    .append(" | ").append(defaultCell.replace("|", "\\|")).append(" | ")
                    .append(setting.description().replace("|", "\\|")).append(" |\n");
        }
        if (passThroughPrefix != null) {
            md.append("| `").append(passThroughPrefix).append("*` | string | | ")
                    .append(passThroughDescription.replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }

    private static String defaultLabel(Setting<?> setting) {
        if (setting.isRequired()) {
            return "required";
        }
        return "default: " + setting.defaultText();
    }

    /** Validated values of one table. */
    public static final class Values {

        private final Map<Setting<?>, Object> values;
        private final Map<String, String> passThrough;

        private Values(Map<Setting<?>, Object> values, Map<String, String> passThrough) {
            this.values = Collections.unmodifiableMap(values);
            this.passThrough = Collections.unmodifiableMap(passThrough);
        }

        /** The value of a setting; {@code null} only for an unset setting with a derived default. */
        @SuppressWarnings("unchecked")
        public <T> T get(Setting<T> setting) {
            return (T) values.get(setting);
        }

        /** The pass-through keys (prefix removed) and their values. */
        public Map<String, String> passThrough() {
            return passThrough;
        }
    }
}
