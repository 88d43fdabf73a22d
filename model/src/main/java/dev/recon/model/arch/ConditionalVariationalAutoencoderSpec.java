package dev.recon.model.arch;

import ai.djl.nn.Block;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Hyper-parameters of a {@link ConditionalVariationalAutoencoder}: those of a
 * {@link VariationalAutoencoderSpec} and the conditions.
 *
 * @param network the encoder and decoder: {@code dense} (flattened images) or {@code conv} (images)
 * @param latentSize dimensions of the Gaussian code
 * @param conditions number of conditions {@code K} (classes), at least 2
 * @param conditionNames the label of each condition, in index order; absent when a label is its
 *     index (see {@link Conditions})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConditionalVariationalAutoencoderSpec(NetworkSpec network, int latentSize, int conditions,
        List<String> conditionNames) implements ArchitectureSpec, LatentModelSpec, ConditionalModelSpec {

    /** Manifest name of this kind. */
    public static final String KIND = "cvae";

    /** Validates every field, so a spec read from a manifest is checked like one built in code. */
    public ConditionalVariationalAutoencoderSpec {
        LatentModelSpec.checkLatentFields(network, latentSize);
        conditionNames = new Conditions(conditions, conditionNames).names();
    }

    /** A spec over {@code conditioning}'s conditions. */
    public ConditionalVariationalAutoencoderSpec(NetworkSpec network, int latentSize, Conditions conditioning) {
        this(network, latentSize, conditioning.count(), conditioning.names());
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
    @JsonIgnore
    public Conditions conditioning() {
        return new Conditions(conditions, conditionNames);
    }

    @Override
    public Block newBlock() {
        return new ConditionalVariationalAutoencoder(this);
    }
}
