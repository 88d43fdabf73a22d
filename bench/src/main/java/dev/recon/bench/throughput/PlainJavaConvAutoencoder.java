package dev.recon.bench.throughput;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import dev.recon.model.arch.ArchitectureSpec;
import dev.recon.model.arch.ConvAutoencoderSpec;
import dev.recon.model.arch.ConvNetworkSpec;
import dev.recon.model.arch.TransposedConv2x2;
import dev.recon.model.arch.VariationalAutoencoder;
import dev.recon.model.arch.VariationalAutoencoderSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The reference for image models: the inference forward pass of a {@code conv2d} autoencoder, or
 * of a variational autoencoder with a {@code conv} network (the reconstruction of the mean code),
 * as hand-written loops over float arrays, with the weights of a DJL block. What micro-batched DJL
 * is measured against.
 *
 * <p>Images are flattened {@code [channel][row][column]}, as the block takes them, so reshapes and
 * flattening cost nothing. The layers: 3 x 3 convolution with padding 1, relu or tanh, 2 x 2
 * max-pool, dense layers, the transposed-convolution decoder stage as {@link TransposedConv2x2}
 * defines it (a 1 x 1 convolution to {@code 4 * C} channels, then pixel shuffle), the upsampling
 * stage (nearest neighbour, then a 3 x 3 convolution) and the output sigmoid. A VAE's log-variance
 * head plays no part in the reconstruction and is not computed (DJL computes it: about 2% of the
 * default conv VAE's multiply-adds).
 */
public final class PlainJavaConvAutoencoder {

    private final List<Layer> layers = new ArrayList<>();
    private final int inputSize;

    /**
     * Copies the weights of {@code block}, built from {@code spec}: a {@link ConvAutoencoderSpec}
     * or a {@link VariationalAutoencoderSpec} with a {@link ConvNetworkSpec}.
     */
    public PlainJavaConvAutoencoder(Block block, ArchitectureSpec spec) {
        this.inputSize = spec.inputSize();
        Deque<Block> weighted = new ArrayDeque<>();
        collectWeighted(block, weighted);
        Builder b = new Builder(weighted);
        if (spec instanceof ConvAutoencoderSpec conv) {
            b.start(conv.channels(), conv.height(), conv.width());
            b.encoder(conv.filters(), conv.activation());
            if (conv.bottleneck() > 0) {
                int last = conv.filters().get(conv.filters().size() - 1);
                b.dense(conv.bottleneck(), null);
                b.dense(last * conv.codeHeight() * conv.codeWidth(), conv.activation());
                b.reshape(last, conv.codeHeight(), conv.codeWidth());
            }
            b.decoder(conv.filters(), conv.decoder(), conv.activation());
            b.conv3x3(conv.channels(), null);
            if (conv.outputActivation().equals(ConvAutoencoderSpec.SIGMOID)) {
                b.sigmoid();
            }
        } else if (spec instanceof VariationalAutoencoderSpec vae && vae.network() instanceof ConvNetworkSpec net) {
            int last = net.filters().get(net.filters().size() - 1);
            int codeHeight = net.height() >> net.filters().size();
            int codeWidth = net.width() >> net.filters().size();
            b.start(net.channels(), net.height(), net.width());
            b.encoder(net.filters(), net.activation());
            b.dense(vae.latentSize(), null); // the mean head: inference decodes the mean code
            b.dense(net.featureSize(), net.activation());
            b.reshape(last, codeHeight, codeWidth);
            b.decoder(net.filters(), net.decoder(), net.activation());
            b.conv3x3(net.channels(), null);
            if (net.sigmoidOutput()) {
                b.sigmoid();
            }
        } else {
            throw new IllegalArgumentException("the plain-Java image reference runs a '" + ConvAutoencoderSpec.KIND
                    + "' model or a '" + VariationalAutoencoderSpec.KIND + "' with a '" + ConvNetworkSpec.TYPE
                    + "' network, got " + spec);
        }
        if (!weighted.isEmpty()) {
            throw new IllegalArgumentException("the block has " + weighted.size()
                    + " more weighted layers than its spec describes, starting with "
                    + weighted.peek().getClass().getSimpleName() + ": it was not built from " + spec);
        }
    }

    /** Flattened image size this network takes and returns. */
    public int inputSize() {
        return inputSize;
    }

    /** Reconstructs one image ({@link #inputSize()} values) into {@code out}. Not thread-safe (scratch buffers). */
    public void reconstruct(float[] in, float[] out) {
        float[] x = in;
        for (Layer layer : layers) {
            x = layer.apply(x);
        }
        System.arraycopy(x, 0, out, 0, inputSize);
    }

    /** The parameterised layers in forward order, leaving out the VAE's log-variance head. */
    private static void collectWeighted(Block block, Deque<Block> into) {
        if (block instanceof Conv2d || block instanceof Linear || block instanceof TransposedConv2x2) {
            into.add(block);
            return;
        }
        for (Pair<String, Block> child : block.getChildren()) {
            // child names are numbered ("03logVariance"); the head is not on the reconstruction's path
            if (block instanceof VariationalAutoencoder && child.getKey().endsWith(VariationalAutoencoder.LOG_VARIANCE)) {
                continue;
            }
            collectWeighted(child.getValue(), into);
        }
    }

    /** One step of the forward pass: returns its output, which may be its input updated in place. */
    private interface Layer {
        float[] apply(float[] x);
    }

    /** Appends layers in forward order, tracking the feature map's shape and taking weights from the block. */
    private final class Builder {
        private final Deque<Block> weighted;
        private int c;
        private int h;
        private int w;

        Builder(Deque<Block> weighted) {
            this.weighted = weighted;
        }

        void start(int channels, int height, int width) {
            c = channels;
            h = height;
            w = width;
        }

        void reshape(int channels, int height, int width) {
            if (channels * height * width != c * h * w) {
                throw new IllegalStateException("cannot view " + c * h * w + " values as " + channels + " x " + height
                        + " x " + width);
            }
            start(channels, height, width);
        }

        void encoder(List<Integer> filters, String activation) {
            for (int f : filters) {
                conv3x3(f, activation);
                maxPool();
            }
        }

        void decoder(List<Integer> filters, String decoder, String activation) {
            for (int stage = 0; stage < filters.size(); stage++) {
                int out = stage < filters.size() - 1 ? filters.get(filters.size() - 2 - stage) : filters.get(0);
                if (decoder.equals(ConvAutoencoderSpec.TRANSPOSED)) {
                    transposed(out, activation);
                } else {
                    upsample();
                    conv3x3(out, activation);
                }
            }
        }

        void conv3x3(int filters, String activation) {
            Conv2d conv = next(Conv2d.class);
            float[] weight = values(conv, "weight", filters, c, 3, 3);
            float[] bias = values(conv, "bias", filters);
            layers.add(new Conv3x3(c, filters, h, w, weight, bias));
            c = filters;
            activation(activation);
        }

        void maxPool() {
            layers.add(new MaxPool2x2(c, h, w));
            h /= 2;
            w /= 2;
        }

        void dense(int units, String activation) {
            Linear linear = next(Linear.class);
            int in = c * h * w;
            layers.add(new Dense(in, units, values(linear, "weight", units, in), values(linear, "bias", units)));
            start(units, 1, 1);
            activation(activation);
        }

        void transposed(int out, String activation) {
            TransposedConv2x2 t = next(TransposedConv2x2.class);
            layers.add(new PointwiseAndShuffle(c, out, h, w, values(t, "weight", c, out, 2, 2), values(t, "bias", out)));
            c = out;
            h *= 2;
            w *= 2;
            activation(activation);
        }

        void upsample() {
            layers.add(new UpsampleNearest(c, h, w));
            h *= 2;
            w *= 2;
        }

        void sigmoid() {
            layers.add(x -> {
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (1 / (1 + Math.exp(-x[i])));
                }
                return x;
            });
        }

        private void activation(String name) {
            if (name == null) {
                return;
            }
            boolean tanh = name.equals("tanh");
            layers.add(x -> {
                for (int i = 0; i < x.length; i++) {
                    x[i] = tanh ? (float) Math.tanh(x[i]) : Math.max(x[i], 0f);
                }
                return x;
            });
        }

        private <T extends Block> T next(Class<T> type) {
            Block block = weighted.poll();
            if (!type.isInstance(block)) {
                throw new IllegalArgumentException("expected a " + type.getSimpleName() + " as the next weighted layer"
                        + " of the block, found " + (block == null ? "none" : block.getClass().getSimpleName())
                        + ": the block was not built from its spec");
            }
            return type.cast(block);
        }

        private float[] values(Block block, String name, long... shape) {
            Parameter p = block.getParameters().get(name);
            long[] actual = p.getArray().getShape().getShape();
            if (!Arrays.equals(actual, shape)) {
                throw new IllegalArgumentException(block.getClass().getSimpleName() + " " + name + " has shape "
                        + Arrays.toString(actual) + ", expected " + Arrays.toString(shape));
            }
            return p.getArray().toFloatArray();
        }
    }

    /**
     * A 3 x 3 convolution with padding 1: {@code (C, H, W) -> (O, H, W)}, weight {@code (O, C, 3, 3)}.
     * For each weight, one pass over the output rows it reaches, so the inner loop runs along a row.
     */
    private static final class Conv3x3 implements Layer {
        private final int in;
        private final int out;
        private final int h;
        private final int w;
        private final float[] weight;
        private final float[] bias;
        private final float[] y;

        Conv3x3(int in, int out, int h, int w, float[] weight, float[] bias) {
            this.in = in;
            this.out = out;
            this.h = h;
            this.w = w;
            this.weight = weight;
            this.bias = bias;
            this.y = new float[out * h * w];
        }

        @Override
        public float[] apply(float[] x) {
            int hw = h * w;
            for (int o = 0; o < out; o++) {
                Arrays.fill(y, o * hw, (o + 1) * hw, bias[o]);
                for (int c = 0; c < in; c++) {
                    for (int ky = 0; ky < 3; ky++) {
                        int dy = ky - 1;
                        int rowFrom = Math.max(0, -dy);
                        int rowTo = Math.min(h, h - dy);
                        for (int kx = 0; kx < 3; kx++) {
                            int dx = kx - 1;
                            int colFrom = Math.max(0, -dx);
                            int colTo = Math.min(w, w - dx);
                            float k = weight[((o * in + c) * 3 + ky) * 3 + kx];
                            for (int r = rowFrom; r < rowTo; r++) {
                                int yi = o * hw + r * w;
                                int xi = c * hw + (r + dy) * w + dx;
                                for (int col = colFrom; col < colTo; col++) {
                                    y[yi + col] += k * x[xi + col];
                                }
                            }
                        }
                    }
                }
            }
            return y;
        }
    }

    /** 2 x 2 max-pool, stride 2: {@code (C, H, W) -> (C, H / 2, W / 2)}. */
    private static final class MaxPool2x2 implements Layer {
        private final int c;
        private final int h;
        private final int w;
        private final float[] y;

        MaxPool2x2(int c, int h, int w) {
            this.c = c;
            this.h = h;
            this.w = w;
            this.y = new float[c * (h / 2) * (w / 2)];
        }

        @Override
        public float[] apply(float[] x) {
            int oh = h / 2;
            int ow = w / 2;
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < oh; i++) {
                    int top = ch * h * w + 2 * i * w;
                    int bottom = top + w;
                    for (int j = 0; j < ow; j++) {
                        y[(ch * oh + i) * ow + j] = Math.max(Math.max(x[top + 2 * j], x[top + 2 * j + 1]),
                                Math.max(x[bottom + 2 * j], x[bottom + 2 * j + 1]));
                    }
                }
            }
            return y;
        }
    }

    /** A dense layer, {@code y = W x + b} with {@code W} of shape {@code (units, in)}. */
    private static final class Dense implements Layer {
        private final int in;
        private final int units;
        private final float[] weight;
        private final float[] bias;
        private final float[] y;

        Dense(int in, int units, float[] weight, float[] bias) {
            this.in = in;
            this.units = units;
            this.weight = weight;
            this.bias = bias;
            this.y = new float[units];
        }

        @Override
        public float[] apply(float[] x) {
            for (int r = 0; r < units; r++) {
                float sum = bias[r];
                int base = r * in;
                for (int i = 0; i < in; i++) {
                    sum += weight[base + i] * x[i];
                }
                y[r] = sum;
            }
            return y;
        }
    }

    /**
     * The transposed convolution with kernel = stride = 2 as {@link TransposedConv2x2} computes it:
     * a 1 x 1 convolution to {@code 4 * O} channels ({@code o * 4 + a * 2 + b}), then depth-to-space
     * to {@code (O, 2H, 2W)} with one bias per output channel. Weight {@code (C, O, 2, 2)}.
     */
    private static final class PointwiseAndShuffle implements Layer {
        private final int in;
        private final int out;
        private final int h;
        private final int w;
        /** The weight rearranged to the 1 x 1 convolution's {@code (4 * O, C)}. */
        private final float[] pointwise;
        private final float[] bias;
        private final float[] z;
        private final float[] y;

        PointwiseAndShuffle(int in, int out, int h, int w, float[] weight, float[] bias) {
            this.in = in;
            this.out = out;
            this.h = h;
            this.w = w;
            this.bias = bias;
            this.pointwise = new float[4 * out * in];
            for (int c = 0; c < in; c++) {
                for (int k = 0; k < 4 * out; k++) { // k = o * 4 + a * 2 + b, and weight[c][o][a][b] = weight[c * 4O + k]
                    pointwise[k * in + c] = weight[c * 4 * out + k];
                }
            }
            this.z = new float[4 * out * h * w];
            this.y = new float[out * 4 * h * w];
        }

        @Override
        public float[] apply(float[] x) {
            int hw = h * w;
            Arrays.fill(z, 0f);
            for (int k = 0; k < 4 * out; k++) {
                for (int c = 0; c < in; c++) {
                    float wk = pointwise[k * in + c];
                    int zi = k * hw;
                    int xi = c * hw;
                    for (int p = 0; p < hw; p++) {
                        z[zi + p] += wk * x[xi + p];
                    }
                }
            }
            int ow = 2 * w;
            for (int o = 0; o < out; o++) {
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        int zi = (o * 4 + a * 2 + b) * hw;
                        for (int i = 0; i < h; i++) {
                            int yi = (o * 2 * h + 2 * i + a) * ow + b;
                            for (int j = 0; j < w; j++) {
                                y[yi + 2 * j] = z[zi + i * w + j] + bias[o];
                            }
                        }
                    }
                }
            }
            return y;
        }
    }

    /** Nearest-neighbour upsampling by 2: every value becomes a 2 x 2 block. */
    private static final class UpsampleNearest implements Layer {
        private final int c;
        private final int h;
        private final int w;
        private final float[] y;

        UpsampleNearest(int c, int h, int w) {
            this.c = c;
            this.h = h;
            this.w = w;
            this.y = new float[c * 4 * h * w];
        }

        @Override
        public float[] apply(float[] x) {
            int ow = 2 * w;
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < h; i++) {
                    int xi = (ch * h + i) * w;
                    int top = (ch * 2 * h + 2 * i) * ow;
                    for (int j = 0; j < w; j++) {
                        float v = x[xi + j];
                        y[top + 2 * j] = v;
                        y[top + 2 * j + 1] = v;
                    }
                    System.arraycopy(y, top, y, top + ow, ow);
                }
            }
            return y;
        }
    }
}
