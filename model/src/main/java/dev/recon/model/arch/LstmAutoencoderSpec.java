package dev.recon.model.arch;

import ai.djl.nn.Block;

/**
 * Hyper-parameters of an {@link LstmAutoencoder} for windows of {@code window} steps of
 * {@code channels} channels.
 *
 * @param channels channels per step (the encoder's input features and the decoder's outputs)
 * @param window steps per window
 * @param hidden units of every LSTM layer
 * @param layers stacked LSTM layers in the encoder and in the decoder
 * @param latent size the encoder's last hidden state is projected to before it is repeated over the
 *     steps; 0 to repeat the hidden state itself
 */
public record LstmAutoencoderSpec(int channels, int window, int hidden, int layers, int latent)
        implements ArchitectureSpec {

    /** Manifest name of this kind. */
    public static final String KIND = "lstm";

    /** Validates every field, so a spec read from a manifest is checked like one built in code. */
    public LstmAutoencoderSpec {
        if (channels < 1 || window < 1) {
            throw new IllegalArgumentException("channels and window must be >= 1, got " + channels + " channels and a"
                    + " window of " + window);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden (LSTM units) must be >= 1, got " + hidden);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be >= 1, got " + layers);
        }
        if (latent < 0) {
            throw new IllegalArgumentException("latent must be >= 0 (0 for no projection), got " + latent);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Flattened window size, {@code window * channels}. */
    @Override
    public int inputSize() {
        return window * channels;
    }

    @Override
    public Block newBlock() {
        return new LstmAutoencoder(this);
    }
}
