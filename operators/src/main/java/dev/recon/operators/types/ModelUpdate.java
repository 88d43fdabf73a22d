package dev.recon.operators.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * An announcement on the {@code model-updates} topic: serve {@code model} from the bundle at
 * {@code bundle} from now on.
 *
 * <pre>{@code
 * {"model": "ec2-latency", "bundle": "/models/ec2-latency/v2"}
 * }</pre>
 *
 * @param model the model name (must equal the bundle manifest's {@code name})
 * @param bundle the bundle location (directory or .zip), readable by every TaskManager
 */
public record ModelUpdate(String model, String bundle) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks the fields. */
    public ModelUpdate {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(bundle, "bundle");
    }

    /**
     * Parses an announcement.
     *
     * @throws IllegalArgumentException saying what is wrong and what was expected
     */
    public static ModelUpdate parse(String text) {
        JsonNode root;
        try {
            root = text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("model update is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "); expected {\"model\": NAME, \"bundle\": PATH}");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("model update must be a JSON object {\"model\": NAME, \"bundle\": PATH}");
        }
        return new ModelUpdate(text(root, "model"), text(root, "bundle"));
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw new IllegalArgumentException("model update needs a non-empty string '" + field + "'");
        }
        return node.textValue();
    }
}
