package dev.recon.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The pre-sigmoid outputs of a model whose reconstruction ends in a sigmoid.
 *
 * <p>A binary cross-entropy computed from the sigmoid's output needs {@code log(p)} and
 * {@code log(1 - p)}, which lose all precision once {@code p} rounds to 0 or 1; computed from the
 * logits {@code l} it is {@code softplus(l) - x * l}, exact at any {@code l}. So, in a training
 * forward pass, every recon block with a sigmoid output adds its logits (flattened like the
 * reconstruction) to its output list as an array named {@link #NAME}. Inference outputs never
 * carry them: serving sees the reconstruction first, as always.
 */
public final class Logits {

    /** Name of the logits array in a training-mode output list. */
    public static final String NAME = "logits";

    private Logits() {}

    /** {@code logits}, named so that {@link #of} finds it. */
    public static NDArray named(NDArray logits) {
        logits.setName(NAME);
        return logits;
    }

    /** The logits in a training-mode output, or null when the block has no sigmoid output. */
    public static NDArray of(NDList output) {
        return output.contains(NAME) ? output.get(NAME) : null;
    }
}
