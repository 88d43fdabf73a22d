package dev.recon.model.arch;

import ai.djl.nn.Block;

/**
 * Hyper-parameters of an {@link AdversarialAutoencoder}. The discriminator that shapes its code
 * during training is not part of it: serving never needs it, so its settings are training settings
 * (recorded in the bundle's provenance).
 *
 * @param network the encoder and decoder: {@code dense} (time-series windows, flattened images) or
 *     {@code conv} (images)
 * @param latentSize dimensions of the code
 */
public record AdversarialAutoencoderSpec(NetworkSpec network, int latentSize)
        implements ArchitectureSpec, LatentModelSpec {

    /** Manifest name of this kind. */
    public static final String KIND = "aae";

    /** Validates every field, so a spec read from a manifest is checked like one built in code. */
    public AdversarialAutoencoderSpec {
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
        return new AdversarialAutoencoder(this);
    }
}
