package dev.recon.model.arch;

import java.util.Objects;

/**
 * An architecture built from a {@link NetworkSpec} around an explicit code of {@code latentSize}
 * dimensions: the variational and the adversarial autoencoder.
 */
public interface LatentModelSpec {

    /** The encoder and decoder networks. */
    NetworkSpec network();

    /** Dimensions of the code. */
    int latentSize();

    /**
     * Checks the fields every latent model spec has, for the specs' compact constructors.
     *
     * @throws NullPointerException if {@code network} is null
     * @throws IllegalArgumentException if {@code latentSize < 1}
     */
    static void checkLatentFields(NetworkSpec network, int latentSize) {
        Objects.requireNonNull(network, "network");
        if (latentSize < 1) {
            throw new IllegalArgumentException("latentSize must be >= 1, got " + latentSize);
        }
    }
}
