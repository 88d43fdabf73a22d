package dev.recon.model.arch;

import ai.djl.nn.Block;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Everything needed to rebuild a model's {@link Block}: the model kind and its hyper-parameters.
 *
 * <p>The {@code kind} property is the discriminator written into the bundle manifest, so a bundle
 * says what it is rather than leaving the reader to assume it. New kinds register here.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DenseAutoencoderSpec.class, name = DenseAutoencoderSpec.KIND),
    @JsonSubTypes.Type(value = ConvAutoencoderSpec.class, name = ConvAutoencoderSpec.KIND),
    @JsonSubTypes.Type(value = Conv1dAutoencoderSpec.class, name = Conv1dAutoencoderSpec.KIND),
    @JsonSubTypes.Type(value = LstmAutoencoderSpec.class, name = LstmAutoencoderSpec.KIND),
    @JsonSubTypes.Type(value = VariationalAutoencoderSpec.class, name = VariationalAutoencoderSpec.KIND),
    @JsonSubTypes.Type(value = AdversarialAutoencoderSpec.class, name = AdversarialAutoencoderSpec.KIND),
    @JsonSubTypes.Type(value = ConditionalVariationalAutoencoderSpec.class,
            name = ConditionalVariationalAutoencoderSpec.KIND)
})
public sealed interface ArchitectureSpec
        permits DenseAutoencoderSpec, ConvAutoencoderSpec, Conv1dAutoencoderSpec, LstmAutoencoderSpec,
                VariationalAutoencoderSpec, AdversarialAutoencoderSpec, ConditionalVariationalAutoencoderSpec {

    /** The model kind, as written in the manifest ({@code "dense"}, ...). */
    String kind();

    /** Number of input features per example (flattened window length times channels, or image size). */
    int inputSize();

    /** A new, uninitialised block with this architecture. */
    Block newBlock();
}
