package dev.recon.bench.throughput;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import dev.recon.model.arch.DenseAutoencoderSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference: a dense autoencoder's forward pass as hand-written loops over float arrays, with
 * the weights of a trained DJL block. What micro-batched DJL is measured against.
 */
public final class PlainJavaDenseAutoencoder {

    private final List<float[]> weights = new ArrayList<>();
    private final List<float[]> biases = new ArrayList<>();
    private final List<int[]> shapes = new ArrayList<>(); // {out, in}
    private final List<Boolean> activated = new ArrayList<>();
    private final boolean tanh;
    private final float[][] buffers;

    /** Copies the weights of {@code block}, a {@link dev.recon.model.arch.DenseAutoencoder} of {@code spec}. */
    public PlainJavaDenseAutoencoder(Block block, DenseAutoencoderSpec spec) {
        this.tanh = spec.activation().equals("tanh");
        int hidden = spec.hiddenSizes().size();
        int layer = 0;
        int maxWidth = spec.inputSize();
        for (Pair<String, Block> child : block.getChildren()) {
            if (!(child.getValue() instanceof Linear linear)) {
                continue;
            }
            Parameter w = linear.getParameters().get("weight");
            Parameter b = linear.getParameters().get("bias");
            long[] shape = w.getArray().getShape().getShape();
            weights.add(w.getArray().toFloatArray());
            biases.add(b.getArray().toFloatArray());
            shapes.add(new int[] {(int) shape[0], (int) shape[1]});
            maxWidth = Math.max(maxWidth, (int) shape[0]);
            // latent (index == hidden) and output (last) layers are linear
            activated.add(layer != hidden && layer != 2 * hidden + 1);
            layer++;
        }
        buffers = new float[2][maxWidth];
    }

    /** Reconstructs one window into {@code out}. Not thread-safe (scratch buffers). */
    public void reconstruct(float[] in, float[] out) {
        float[] x = in;
        for (int l = 0; l < weights.size(); l++) {
            int rows = shapes.get(l)[0];
            int cols = shapes.get(l)[1];
            float[] w = weights.get(l);
            float[] b = biases.get(l);
            float[] y = l == weights.size() - 1 ? out : buffers[l % 2];
            for (int r = 0; r < rows; r++) {
                float sum = b[r];
                int base = r * cols;
                for (int c = 0; c < cols; c++) {
                    sum += w[base + c] * x[c];
                }
                if (activated.get(l)) {
                    sum = tanh ? (float) Math.tanh(sum) : Math.max(sum, 0f);
                }
                y[r] = sum;
            }
            x = y;
        }
    }
}
