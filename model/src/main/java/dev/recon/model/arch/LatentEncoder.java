package dev.recon.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/** A model whose latent code can be read out, for latent-space plots in the training report. */
public interface LatentEncoder {

    /** Size of the latent code. */
    int latentSize();

    /**
     * The codes of a batch in inference mode: {@code (batch, inputSize) -> (batch, latentSize)}; for
     * variational models, the mean of the code's distribution.
     */
    NDArray encode(ParameterStore parameters, NDArray input);
}
