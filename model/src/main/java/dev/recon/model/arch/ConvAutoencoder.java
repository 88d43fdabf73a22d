package dev.recon.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
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
 * channels, followed by the output activation.
 */
public final class ConvAutoencoder extends SequentialBlock {

    private final ConvAutoencoderSpec spec;

    /** Builds the layers described by {@code spec}; parameters are created uninitialised. */
    public ConvAutoencoder(ConvAutoencoderSpec spec) {
        this.spec = spec;
        Function<NDList, NDList> activation =
                spec.activation().equals("tanh") ? Activation::tanh : Activation::relu;
        int c = spec.channels();
        int h = spec.height();
        int w = spec.width();
        add(reshape(c, h, w, "to-image"));
        List<Integer> filters = spec.filters();
        for (int f : filters) {
            add(conv3x3(f));
            add(activation);
            add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        int last = filters.get(filters.size() - 1);
        if (spec.bottleneck() > 0) {
            add(new LambdaBlock(ConvAutoencoder::flatten, "flatten"));
            add(Linear.builder().setUnits(spec.bottleneck()).build());
            add(Linear.builder().setUnits((long) last * spec.codeHeight() * spec.codeWidth()).build());
            add(activation);
            add(reshape(last, spec.codeHeight(), spec.codeWidth(), "to-feature-map"));
        }
        for (int stage = 0; stage < filters.size(); stage++) {
            int out = stage < filters.size() - 1 ? filters.get(filters.size() - 2 - stage) : filters.get(0);
            if (spec.decoder().equals(ConvAutoencoderSpec.TRANSPOSED)) {
                add(new TransposedConv2x2(out));
            } else {
                add(LambdaBlock.singleton(ConvAutoencoder::upsampleNearest, "upsample-nearest"));
                add(conv3x3(out));
            }
            add(activation);
        }
        add(conv3x3(c));
        if (spec.outputActivation().equals(ConvAutoencoderSpec.SIGMOID)) {
            add(Activation::sigmoid);
        }
        add(new LambdaBlock(ConvAutoencoder::flatten, "flatten"));
    }

    /** The specification this block was built from. */
    public ConvAutoencoderSpec spec() {
        return spec;
    }

    /** Nearest-neighbour upsampling by 2 of {@code (N, C, H, W)}: every pixel becomes a 2 x 2 block. */
    public static NDArray upsampleNearest(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }

    private static Conv2d conv3x3(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build();
    }

    private static LambdaBlock reshape(int c, int h, int w, String name) {
        return new LambdaBlock(list -> new NDList(list.singletonOrThrow().reshape(-1, c, h, w)), name);
    }

    private static NDList flatten(NDList list) {
        NDArray x = list.singletonOrThrow();
        return new NDList(x.reshape(x.getShape().get(0), -1));
    }
}
