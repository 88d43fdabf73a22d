package dev.recon.model.arch;

/**
 * An architecture whose block reads, besides the examples, one condition per example (a class
 * index): its input is an {@code NDList} of the examples {@code (N, inputSize)} and the condition
 * indices {@code (N)}, and its first output is still the reconstruction.
 */
public interface ConditionalModelSpec {

    /** The conditions the model knows and how labels map to them. */
    Conditions conditioning();

    /** The conditions of {@code architecture}, or {@code null} when it is not conditional. */
    static Conditions of(ArchitectureSpec architecture) {
        return architecture instanceof ConditionalModelSpec conditional ? conditional.conditioning() : null;
    }
}
