package dev.recon.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads YAML files of the repository as plain maps and lists, and walks them by key. */
final class Yaml {

    private Yaml() {}

    /** The single document of {@code file}, a mapping. */
    static Map<String, Object> load(Path file) throws IOException {
        List<Map<String, Object>> documents = loadAll(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    /** Every document of {@code file}, each a mapping. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> loadAll(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Object document : new org.yaml.snakeyaml.Yaml(new LoaderOptions()).loadAll(reader)) {
                if (document == null) {
                    continue;
                }
                if (!(document instanceof Map)) {
                    throw new IllegalArgumentException(file + ": expected a mapping, found " + document);
                }
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    /** The mapping at {@code key} (empty if absent). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    /** The list at {@code key} (empty if absent). */
    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof List ? (List<Object>) value : List.of();
    }

    /** The value at a dotted path of mapping keys, or null. */
    static Object at(Map<String, Object> root, String... keys) {
        Object node = root;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }
}
