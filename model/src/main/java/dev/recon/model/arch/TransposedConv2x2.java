package dev.recon.model.arch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-D transposed convolution with kernel 2 x 2, stride 2 and no padding, built from operations
 * DJL's PyTorch engine supports (it has no deconvolution).
 *
 * <p>Input {@code (N, Cin, H, W)}, output {@code (N, Cout, 2H, 2W)}:
 * {@code y[n, o, 2i + a, 2j + b] = bias[o] + sum_c x[n, c, i, j] * weight[c, o, a, b]}, which is the
 * definition of a transposed convolution for this kernel and stride, because the 2 x 2 output
 * blocks of neighbouring input pixels do not overlap. It is computed exactly as a 1 x 1
 * convolution to {@code 4 * Cout} channels (the weight rearranged to {@code (Cout * 4, Cin, 1, 1)})
 * followed by depth-to-space (pixel shuffle), plus one bias per output channel.
 *
 * <p>The weight has PyTorch's {@code ConvTranspose2d} layout {@code (Cin, Cout, 2, 2)}, so
 * parameters can be compared with (or copied from) a reference implementation.
 */
public final class TransposedConv2x2 extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int outChannels;
    private final Parameter weight;
    private final Parameter bias;

    /** A block producing {@code outChannels} channels at twice the input's height and width. */
    public TransposedConv2x2(int outChannels) {
        super(VERSION);
        if (outChannels < 1) {
            throw new IllegalArgumentException("outChannels must be >= 1, got " + outChannels);
        }
        this.outChannels = outChannels;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    /** Output channels. */
    public int outChannels() {
        return outChannels;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 4) {
            throw new IllegalArgumentException("TransposedConv2x2 expects (N, C, H, W), got " + in);
        }
        weight.setShape(new Shape(in.get(1), outChannels, 2, 2));
        bias.setShape(new Shape(outChannels));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        NDArray w = store.getValue(weight, device, training);
        NDArray b = store.getValue(bias, device, training);
        Shape s = x.getShape();
        long n = s.get(0);
        long cin = s.get(1);
        long h = s.get(2);
        long wd = s.get(3);
        // (Cin, Cout, a, b) -> (Cout, a, b, Cin): output channel o * 4 + a * 2 + b of the 1x1 conv.
        NDArray pointwise = w.transpose(1, 2, 3, 0).reshape(outChannels * 4L, cin, 1, 1);
        NDArray z = Conv2d.conv2d(x, pointwise, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1)
                .singletonOrThrow();
        // depth-to-space: (N, Cout, a, b, H, W) -> (N, Cout, H, a, W, b) -> (N, Cout, 2H, 2W)
        NDArray y = z.reshape(n, outChannels, 2, 2, h, wd)
                .transpose(0, 1, 4, 2, 5, 3)
                .reshape(n, outChannels, 2 * h, 2 * wd);
        return new NDList(y.add(b.reshape(1, outChannels, 1, 1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels, in.get(2) * 2, in.get(3) * 2)};
    }
}
