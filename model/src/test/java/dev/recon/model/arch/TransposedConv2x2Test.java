package dev.recon.model.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests for {@link TransposedConv2x2}: equal to the definition of a transposed convolution. */
class TransposedConv2x2Test {

    /**
     * The definition, written as loops: every input pixel {@code (i, j)} adds
     * {@code x[c, i, j] * w[c, o, a, b]} to output pixel {@code (i * stride + a, j * stride + b)},
     * for every kernel offset {@code (a, b)}; then the bias. General in kernel and stride.
     */
    static float[] transposedConvByDefinition(float[] x, int n, int cin, int h, int w, float[] weight,
            float[] bias, int cout, int kernel, int stride) {
        int oh = (h - 1) * stride + kernel;
        int ow = (w - 1) * stride + kernel;
        float[] y = new float[n * cout * oh * ow];
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < cout; o++) {
                for (int p = 0; p < oh * ow; p++) {
                    y[((s * cout + o) * oh * ow) + p] = bias[o];
                }
                for (int c = 0; c < cin; c++) {
                    for (int i = 0; i < h; i++) {
                        for (int j = 0; j < w; j++) {
                            float v = x[((s * cin + c) * h + i) * w + j];
                            for (int a = 0; a < kernel; a++) {
                                for (int b = 0; b < kernel; b++) {
                                    float k = weight[((c * cout + o) * kernel + a) * kernel + b];
                                    y[((s * cout + o) * oh + i * stride + a) * ow + j * stride + b] += v * k;
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    @Test
    void matchesTheDefinitionOnRandomWeightsAndInputs() {
        int n = 2;
        int cin = 3;
        int cout = 5;
        int h = 4;
        int w = 6;
        Engine.getInstance().setRandomSeed(3);
        TransposedConv2x2 block = new TransposedConv2x2(cout);
        // non-zero biases too, so a wrong bias layout would show
        block.setInitializer(new NormalInitializer(1f), Parameter.Type.BIAS);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(n, cin, h, w));
            float[] weight = block.getParameters().get("weight").getArray().toFloatArray();
            float[] bias = block.getParameters().get("bias").getArray().toFloatArray();
            assertThat(block.getParameters().get("weight").getArray().getShape()).isEqualTo(new Shape(cin, cout, 2, 2));
            float[] x = new float[n * cin * h * w];
            Random random = new Random(5);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            NDArray input = manager.create(x, new Shape(n, cin, h, w));
            NDArray out = block.forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(n, cout, 2 * h, 2 * w));
            assertThat(block.getOutputShapes(new Shape[] {input.getShape()})[0]).isEqualTo(out.getShape());
            float[] expected = transposedConvByDefinition(x, n, cin, h, w, weight, bias, cout, 2, 2);
            float[] actual = out.toFloatArray();
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-5f));
            }
        }
    }

    @Test
    void gradientsReachWeightAndBias() {
        Engine.getInstance().setRandomSeed(4);
        TransposedConv2x2 block = new TransposedConv2x2(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 2, 2));
            NDArray x = manager.ones(new Shape(1, 1, 2, 2));
            try (ai.djl.training.GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                collector.backward(y.sum());
            }
            // d(sum y)/d bias[o] = number of output pixels; d/d weight[c, o, a, b] = sum of x = 4
            assertThat(block.getParameters().get("bias").getArray().getGradient().toFloatArray())
                    .containsExactly(16f, 16f);
            assertThat(block.getParameters().get("weight").getArray().getGradient().toFloatArray())
                    .containsOnly(4f);
        }
    }
}
