package dev.recon.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * A sequence-to-sequence LSTM autoencoder.
 *
 * <p>Input and output shape: {@code (batch, window * channels)}, flattened step-major like every
 * time-series model, which is exactly {@code (batch, window, channels)} in row-major order: the
 * batch-first layout the LSTMs are built for. The encoder LSTM reads the window; its hidden state
 * after the last step (of the top layer) summarises it, optionally projected linearly to
 * {@code latent} numbers. That code is repeated at every step as the input of the decoder LSTM,
 * whose output at each step goes through one linear layer (shared by all steps) to the channels.
 * The output is linear: z-scored inputs are not bounded to an activation's range.
 */
public final class LstmAutoencoder extends SequentialBlock implements LatentEncoder {

    private final LstmAutoencoderSpec spec;
    /** Children that make up the encoder, up to the code. */
    private final int encoderLayers;

    /** Builds the layers described by {@code spec}; parameters are created uninitialised. */
    public LstmAutoencoder(LstmAutoencoderSpec spec) {
        this.spec = spec;
        int channels = spec.channels();
        int window = spec.window();
        add(LambdaBlock.singleton(x -> x.reshape(-1, window, channels), "to-sequence"));
        add(lstm(spec));
        add(LambdaBlock.singleton(LstmAutoencoder::lastStep, "last-step"));
        if (spec.latent() > 0) {
            add(Linear.builder().setUnits(spec.latent()).build());
        }
        encoderLayers = getChildren().size();
        add(LambdaBlock.singleton(code -> repeatOverSteps(code, window), "repeat-over-steps"));
        add(lstm(spec));
        add(Linear.builder().setUnits(channels).build());
        add(LambdaBlock.singleton(x -> x.reshape(-1, (long) window * channels), "to-window"));
    }

    /** The specification this block was built from. */
    public LstmAutoencoderSpec spec() {
        return spec;
    }

    /** The projection's size, or without one the LSTM units. */
    @Override
    public int latentSize() {
        return spec.latent() > 0 ? spec.latent() : spec.hidden();
    }

    /** Runs the encoder half: the code that the decoder receives at every step. */
    @Override
    public NDArray encode(ParameterStore parameters, NDArray input) {
        List<Block> layers = getChildren().values();
        NDList x = new NDList(input);
        for (int i = 0; i < encoderLayers; i++) {
            x = layers.get(i).forward(parameters, x, false);
        }
        return x.singletonOrThrow();
    }

    /** The last step of a batch-first sequence: {@code (N, T, H) -> (N, H)}. */
    public static NDArray lastStep(NDArray sequence) {
        return sequence.get(new NDIndex(":, -1, :"));
    }

    /** The code at every one of {@code steps} steps: {@code (N, H) -> (N, steps, H)}. */
    public static NDArray repeatOverSteps(NDArray code, int steps) {
        return code.expandDims(1).repeat(1, steps);
    }

    // batch-first stated explicitly: the layout the reshape above produces (DJL's default too, today).
    private static LSTM lstm(LstmAutoencoderSpec spec) {
        return LSTM.builder()
                .setStateSize(spec.hidden())
                .setNumLayers(spec.layers())
                .optBatchFirst(true)
                .build();
    }
}
