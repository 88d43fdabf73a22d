package dev.recon.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A fully connected autoencoder: {@code input -> hidden... -> latent -> hidden (mirrored) -> input}.
 *
 * <p>Input and output shape: {@code (batch, inputSize)}. The latent layer and the output layer are
 * linear: the code is unconstrained, and z-scored inputs are not bounded to an activation's range.
 */
public final class DenseAutoencoder extends SequentialBlock implements LatentEncoder {

    private final DenseAutoencoderSpec spec;

    /** Builds the layers described by {@code spec}; parameters are created uninitialised. */
    public DenseAutoencoder(DenseAutoencoderSpec spec) {
        this.spec = spec;
        Function<NDList, NDList> activation =
                spec.activation().equals("tanh") ? Activation::tanh : Activation::relu;
        for (int size : spec.hiddenSizes()) {
            add(Linear.builder().setUnits(size).build());
            add(activation);
        }
        add(Linear.builder().setUnits(spec.latentSize()).build());
        List<Integer> decoder = new ArrayList<>(spec.hiddenSizes());
        Collections.reverse(decoder);
        for (int size : decoder) {
            add(Linear.builder().setUnits(size).build());
            add(activation);
        }
        add(Linear.builder().setUnits(spec.inputSize()).build());
    }

    /** The specification this block was built from. */
    public DenseAutoencoderSpec spec() {
        return spec;
    }

    @Override
    public int latentSize() {
        return spec.latentSize();
    }

    /** Runs the encoder half: each hidden layer with its activation, then the latent layer. */
    @Override
    public NDArray encode(ParameterStore parameters, NDArray input) {
        List<Block> layers = getChildren().values();
        int encoderLayers = 2 * spec.hiddenSizes().size() + 1;
        NDList x = new NDList(input);
        for (int i = 0; i < encoderLayers; i++) {
            x = layers.get(i).forward(parameters, x, false);
        }
        return x.singletonOrThrow();
    }
}
