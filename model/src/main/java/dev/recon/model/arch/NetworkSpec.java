package dev.recon.model.arch;

import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The encoder and decoder networks of a model with an explicit latent code (the variational and
 * the adversarial autoencoder), which put their own layers between the two: the code's mean and
 * log-variance heads, or a deterministic code layer.
 *
 * <p>The {@code type} property says which network it is: {@code dense} (fully connected, for
 * time-series windows or flattened images) or {@code conv} (2-D convolutions, for images).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DenseNetworkSpec.class, name = DenseNetworkSpec.TYPE),
    @JsonSubTypes.Type(value = ConvNetworkSpec.class, name = ConvNetworkSpec.TYPE)
})
public sealed interface NetworkSpec permits DenseNetworkSpec, ConvNetworkSpec {

    /** Sigmoid output, for inputs in [0, 1]. */
    String SIGMOID = "sigmoid";
    /** Linear output, for unbounded (z-scored) inputs. */
    String NONE = "none";

    /** The network type, as written in the manifest: {@code dense} or {@code conv}. */
    String type();

    /** Flattened input size. */
    int inputSize();

    /** {@code sigmoid} or {@code none}: what is applied to the decoder's output. */
    String outputActivation();

    /** The image shape {@code [channels, height, width]} the network takes, or null when it takes any vector. */
    List<Integer> imageShape();

    /** Size of the encoder's flattened output, the input of the code layers. */
    int featureSize();

    /** A new, uninitialised encoder: {@code (N, inputSize) -> (N, featureSize)}. */
    SequentialBlock newEncoder();

    /**
     * A new, uninitialised decoder from a code: {@code (N, latentSize) -> (N, inputSize)}, before
     * the output activation (so, logits with a sigmoid output).
     */
    SequentialBlock newDecoder();

    /** Whether the reconstruction goes through a sigmoid. */
    default boolean sigmoidOutput() {
        return outputActivation().equals(SIGMOID);
    }

    /** Validates an output activation name. */
    static void checkOutputActivation(String outputActivation) {
        if (!SIGMOID.equals(outputActivation) && !NONE.equals(outputActivation)) {
            throw new IllegalArgumentException(
                    "outputActivation must be 'sigmoid' or 'none', got '" + outputActivation + "'");
        }
    }
}
