package dev.recon.model.arch;

import ai.djl.nn.Block;

/**
 * Hyper-parameters of a {@link VariationalAutoencoder}.
 *
 * @param network the encoder and decoder: {@code dense} (time-series windows, flattened images) or
 *     {@code conv} (images)
 * @param latentSize dimensions of the Gaussian code
 */
public record VariationalAutoencoderSpec(NetworkSpec network, int latentSize)
        implements ArchitectureSpec, LatentModelSpec {

    /** Manifest name of this kind. */
    public static final String KIND = "vae";

    /** Validates every field, so a spec read from a manifest is checked like one built in code. */
    public VariationalAutoencoderSpec {
        LatentModelSpec.checkLatentFields(network, latentSize);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int inputSize() {
        return network.inputSize();
    }

    @Override
    public Block newBlock() {
        return new VariationalAutoencoder(this);
    }
}
