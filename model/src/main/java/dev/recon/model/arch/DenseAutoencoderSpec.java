package dev.recon.model.arch;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Objects;

/**
 * Hyper-parameters of a {@link DenseAutoencoder}.
 *
 * @param inputSize flattened input size (window length times channels)
 * @param hiddenSizes sizes of the encoder's hidden layers, outermost first; the decoder mirrors them
 * @param latentSize size of the bottleneck code
 * @param activation activation between layers: {@code relu} or {@code tanh}
 */
public record DenseAutoencoderSpec(
        int inputSize, List<Integer> hiddenSizes, int latentSize, String activation)
        implements ArchitectureSpec {

    /** Manifest name of this kind. */
    public static final String KIND = "dense";
    /** Default activation between layers. */
    public static final String DEFAULT_ACTIVATION = "relu";

    /** Validates every field, so a spec read from a manifest is checked like one built in code. */
    public DenseAutoencoderSpec {
        Objects.requireNonNull(hiddenSizes, "hiddenSizes");
        Objects.requireNonNull(activation, "activation");
        hiddenSizes = List.copyOf(hiddenSizes);
        if (inputSize < 1) {
            throw new IllegalArgumentException("inputSize must be >= 1, got " + inputSize);
        }
        if (latentSize < 1) {
            throw new IllegalArgumentException("latentSize must be >= 1, got " + latentSize);
        }
        for (int size : hiddenSizes) {
            if (size < 1) {
                throw new IllegalArgumentException("hidden layer sizes must be >= 1, got " + hiddenSizes);
            }
        }
        if (!activation.equals("relu") && !activation.equals("tanh")) {
            throw new IllegalArgumentException(
                    "activation must be 'relu' or 'tanh', got '" + activation + "'");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Block newBlock() {
        return new DenseAutoencoder(this);
    }
}
