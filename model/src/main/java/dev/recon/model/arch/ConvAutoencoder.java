package dev.recon.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.function.Function;

/**
 * A convolutional autoencoder for images.
 *
 * <p>Input and output shape: {@code (batch, channels * height * width)}, each image flattened in
 * {@code [channel][row][column]} order, so every model kind is fed and scored the same way; the
 * block reshapes to {@code (batch, channels, height, width)} itself.
 *
 * <p>Encoder: per stage, a 3 x 3 convolution (padding 1) to {@code filters[i]} channels, the
 * activation, and a 2 x 2 max-pool. Optional bottleneck: flatten, a linear code of
 * {@code bottleneck} units, a linear layer back to the feature map, the activation. Decoder: per
 * stage, doubling height and width, either a {@link TransposedConv2x2} or nearest-neighbour
 * upsampling and a 3 x 3 convolution, with the activation; the stages produce the encoder's channel
 * counts in reverse (the last one {@code filters[0]}). A final 3 x 3 convolution maps to the image
 * channels, followed by the output activation. With a sigmoid output, a training forward pass also
 * returns the {@link Logits}.
 */
public final class ConvAutoencoder extends SequentialBlock implements LatentEncoder {

    private final ConvAutoencoderSpec spec;
    /** Children that make the code: up to the bottleneck, or the encoder and a flatten without one. */
    private final int codeLayers;
    /** Position of the output sigmoid among the children, -1 without one. */
    private final int sigmoidIndex;

    /** Builds the layers described by {@code spec}; parameters are created uninitialised. */
    public ConvAutoencoder(ConvAutoencoderSpec spec) {
        this.spec = spec;
        Function<NDList, NDList> activation = ConvStages.activation(spec.activation());
        int c = spec.channels();
        List<Integer> filters = spec.filters();
        add(ConvStages.reshape(c, spec.height(), spec.width(), "to-image"));
        ConvStages.addEncoder(this, filters, activation);
        int last = filters.get(filters.size() - 1);
        if (spec.bottleneck() > 0) {
            add(ConvStages.flatten());
            add(Linear.builder().setUnits(spec.bottleneck()).build());
            codeLayers = getChildren().size();
            add(Linear.builder().setUnits((long) last * spec.codeHeight() * spec.codeWidth()).build());
            add(activation);
            add(ConvStages.reshape(last, spec.codeHeight(), spec.codeWidth(), "to-feature-map"));
        } else {
            codeLayers = getChildren().size(); // the encoder's feature map, flattened in encode()
        }
        ConvStages.addDecoder(this, filters, spec.decoder(), activation);
        add(ConvStages.conv3x3(c));
        if (spec.outputActivation().equals(ConvAutoencoderSpec.SIGMOID)) {
            sigmoidIndex = getChildren().size();
            add(Activation::sigmoid);
        } else {
            sigmoidIndex = -1;
        }
        add(ConvStages.flatten());
    }

    /** The specification this block was built from. */
    public ConvAutoencoderSpec spec() {
        return spec;
    }

    /** The bottleneck's size, or the flattened size of the encoder's feature map without a bottleneck. */
    @Override
    public int latentSize() {
        List<Integer> filters = spec.filters();
        return spec.bottleneck() > 0 ? spec.bottleneck()
                : filters.get(filters.size() - 1) * spec.codeHeight() * spec.codeWidth();
    }

    @Override
    public NDArray encode(ParameterStore parameters, NDArray input) {
        List<Block> layers = getChildren().values();
        NDList x = new NDList(input);
        for (int i = 0; i < codeLayers; i++) {
            x = layers.get(i).forward(parameters, x, false);
        }
        NDArray code = x.singletonOrThrow();
        return code.reshape(code.getShape().get(0), -1);
    }

    /** Nearest-neighbour upsampling by 2 of {@code (N, C, H, W)}: every pixel becomes a 2 x 2 block. */
    public static NDArray upsampleNearest(NDArray x) {
        return ConvStages.upsampleNearest(x);
    }

    /** Inference: the reconstruction. Training with a sigmoid output: the reconstruction and the logits. */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (!training || sigmoidIndex < 0) {
            return super.forwardInternal(parameterStore, inputs, training, params);
        }
        NDList current = inputs;
        NDArray logits = null;
        int index = 0;
        for (Block child : getChildren().values()) {
            if (index++ == sigmoidIndex) {
                logits = current.singletonOrThrow();
            }
            current = child.forward(parameterStore, current, true, params);
        }
        return new NDList(current.singletonOrThrow(), Logits.named(ConvStages.flatten(logits)));
    }
}
