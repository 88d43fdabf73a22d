package dev.recon.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.function.Function;

/**
 * The layer sequences every 2-D convolutional model shares: the encoder stages, the decoder stages
 * and the reshapes around them.
 *
 * <p>They add their layers to a caller's {@link SequentialBlock} rather than returning a nested
 * block, so that {@link ConvAutoencoder}'s parameter file keeps the flat layout bundles were
 * written with.
 */
final class ConvStages {

    private ConvStages() {}

    /** The named hidden-layer activation: {@code relu} or {@code tanh}. */
    static Function<NDList, NDList> activation(String name) {
        return name.equals("tanh") ? Activation::tanh : Activation::relu;
    }

    /**
     * Per entry of {@code filters}: a 3 x 3 convolution (padding 1) to that many channels, the
     * activation and a 2 x 2 max-pool, halving height and width.
     */
    static void addEncoder(SequentialBlock into, List<Integer> filters, Function<NDList, NDList> activation) {
        for (int f : filters) {
            into.add(conv3x3(f));
            into.add(activation);
            into.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
    }

    /**
     * One stage per encoder stage, each doubling height and width ({@link TransposedConv2x2}, or
     * nearest-neighbour upsampling and a 3 x 3 convolution) with the activation; the stages produce
     * the encoder's channel counts in reverse, the last one {@code filters[0]}.
     */
    static void addDecoder(SequentialBlock into, List<Integer> filters, String decoder,
            Function<NDList, NDList> activation) {
        for (int stage = 0; stage < filters.size(); stage++) {
            int out = stage < filters.size() - 1 ? filters.get(filters.size() - 2 - stage) : filters.get(0);
            if (decoder.equals(ConvAutoencoderSpec.TRANSPOSED)) {
                into.add(new TransposedConv2x2(out));
            } else {
                into.add(LambdaBlock.singleton(ConvStages::upsampleNearest, "upsample-nearest"));
                into.add(conv3x3(out));
            }
            into.add(activation);
        }
    }

    /** Nearest-neighbour upsampling by 2 of {@code (N, C, H, W)}: every pixel becomes a 2 x 2 block. */
    static NDArray upsampleNearest(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }

    /** A 3 x 3 convolution with padding 1 (height and width unchanged). */
    static Conv2d conv3x3(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build();
    }

    /** Reshapes {@code (N, c * h * w)} to {@code (N, c, h, w)}. */
    static LambdaBlock reshape(int c, int h, int w, String name) {
        return new LambdaBlock(list -> new NDList(list.singletonOrThrow().reshape(-1, c, h, w)), name);
    }

    /** Flattens {@code (N, ...)} to {@code (N, rest)}. */
    static LambdaBlock flatten() {
        return new LambdaBlock(ConvStages::flatten, "flatten");
    }

    /** Flattens the single array of {@code list} to {@code (N, rest)}. */
    static NDList flatten(NDList list) {
        return new NDList(flatten(list.singletonOrThrow()));
    }

    /** Flattens {@code x} to {@code (N, rest)}. */
    static NDArray flatten(NDArray x) {
        return x.reshape(x.getShape().get(0), -1);
    }
}
