package dev.recon.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.Function;

/**
 * A 1-D convolutional autoencoder over the steps of a multichannel window.
 *
 * <p>Input and output shape: {@code (batch, window * channels)}, flattened step-major like every
 * time-series model; the block reshapes it to {@code (batch, channels, window)} so that the
 * convolutions slide along time with the channels as their input channels. Each encoder stage is a
 * "same"-padded convolution with {@code filters[i]} outputs and the activation, and halves the
 * length (max-pool, or stride 2). An optional dense bottleneck squeezes the last feature map into
 * {@code bottleneck} numbers. Each decoder stage doubles the length by repeating every step
 * (nearest-neighbour upsampling: DJL's PyTorch engine has no transposed convolution) and applies a
 * convolution with the encoder's channel counts in reverse. A final linear convolution maps back to
 * the input channels: z-scored inputs are not bounded to an activation's range.
 */
public final class Conv1dAutoencoder extends SequentialBlock implements LatentEncoder {

    private final Conv1dAutoencoderSpec spec;
    /** Children that make up the encoder, up to the code. */
    private final int encoderLayers;

    /** Builds the layers described by {@code spec}; parameters are created uninitialised. */
    public Conv1dAutoencoder(Conv1dAutoencoderSpec spec) {
        this.spec = spec;
        Function<NDList, NDList> activation =
                spec.activation().equals("tanh") ? Activation::tanh : Activation::relu;
        int channels = spec.channels();
        int window = spec.window();
        boolean strided = spec.downsampling().equals(Conv1dAutoencoderSpec.STRIDE);
        add(LambdaBlock.singleton(x -> x.reshape(-1, window, channels).transpose(0, 2, 1), "to-channels-first"));
        List<Integer> filters = spec.filters();
        for (int f : filters) {
            add(conv(f, spec.kernel(), strided ? 2 : 1));
            add(activation);
            if (!strided) {
                add(Pool.maxPool1dBlock(new Shape(2), new Shape(2)));
            }
        }
        int last = filters.get(filters.size() - 1);
        int code = spec.codeLength();
        if (spec.bottleneck() > 0) {
            add(LambdaBlock.singleton(x -> x.reshape(x.getShape().get(0), -1), "flatten"));
            add(Linear.builder().setUnits(spec.bottleneck()).build());
            encoderLayers = getChildren().size();
            add(Linear.builder().setUnits((long) last * code).build());
            add(activation);
            add(LambdaBlock.singleton(x -> x.reshape(-1, last, code), "to-feature-map"));
        } else {
            encoderLayers = getChildren().size();
        }
        for (int stage = 0; stage < filters.size(); stage++) {
            int out = stage < filters.size() - 1 ? filters.get(filters.size() - 2 - stage) : filters.get(0);
            add(LambdaBlock.singleton(Conv1dAutoencoder::upsampleNearest, "upsample-nearest"));
            add(conv(out, spec.kernel(), 1));
            add(activation);
        }
        add(conv(channels, spec.kernel(), 1));
        add(LambdaBlock.singleton(x -> x.transpose(0, 2, 1).reshape(-1, (long) window * channels), "to-window"));
    }

    /** The specification this block was built from. */
    public Conv1dAutoencoderSpec spec() {
        return spec;
    }

    /** The dense code's size, or without a bottleneck the size of the encoder's last feature map. */
    @Override
    public int latentSize() {
        int last = spec.filters().get(spec.filters().size() - 1);
        return spec.bottleneck() > 0 ? spec.bottleneck() : last * spec.codeLength();
    }

    /** Runs the encoder half; without a bottleneck, the last feature map flattened channel-major. */
    @Override
    public NDArray encode(ParameterStore parameters, NDArray input) {
        List<Block> layers = getChildren().values();
        NDList x = new NDList(input);
        for (int i = 0; i < encoderLayers; i++) {
            x = layers.get(i).forward(parameters, x, false);
        }
        NDArray code = x.singletonOrThrow();
        return code.reshape(code.getShape().get(0), -1);
    }

    /** Nearest-neighbour upsampling by 2 of {@code (N, C, L)}: every step is repeated once. */
    public static NDArray upsampleNearest(NDArray x) {
        return x.repeat(2, 2);
    }

    /** A convolution whose padding keeps the length at stride 1 and halves it (even lengths) at stride 2. */
    private static Conv1d conv(int filters, int kernel, int stride) {
        return Conv1d.builder()
                .setKernelShape(new Shape(kernel))
                .optPadding(new Shape(kernel / 2))
                .optStride(new Shape(stride))
                .setFilters(filters)
                .build();
    }
}
