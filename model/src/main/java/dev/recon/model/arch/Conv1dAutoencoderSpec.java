package dev.recon.model.arch;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Objects;

/**
 * Hyper-parameters of a {@link Conv1dAutoencoder} for windows of {@code window} steps of
 * {@code channels} channels.
 *
 * @param channels channels per step (the convolution's input channels)
 * @param window steps per window; divisible by {@code 2^filters.size()}
 * @param filters output channels of each encoder stage (convolution, activation, downsampling by 2)
 * @param kernel convolution kernel length in steps; odd, so that the padding keeps the length
 * @param downsampling {@code maxpool} (a 2-step max-pool after each convolution) or {@code stride}
 *     (each encoder convolution steps by 2)
 * @param bottleneck size of an optional dense code between encoder and decoder; 0 for none
 * @param activation activation after every hidden layer: {@code relu} or {@code tanh}
 */
public record Conv1dAutoencoderSpec(
        int channels, int window, List<Integer> filters, int kernel, String downsampling, int bottleneck,
        String activation) implements ArchitectureSpec {

    /** Manifest name of this kind. */
    public static final String KIND = "conv1d";
    /** Downsampling by a 2-step max-pool after each encoder convolution. */
    public static final String MAXPOOL = "maxpool";
    /** Downsampling by encoder convolutions with stride 2. */
    public static final String STRIDE = "stride";

    /** Validates every field, so a spec read from a manifest is checked like one built in code. */
    public Conv1dAutoencoderSpec {
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(downsampling, "downsampling");
        Objects.requireNonNull(activation, "activation");
        filters = List.copyOf(filters);
        if (channels < 1 || window < 1) {
            throw new IllegalArgumentException("channels and window must be >= 1, got " + channels + " channels and a"
                    + " window of " + window);
        }
        if (filters.isEmpty() || filters.stream().anyMatch(f -> f < 1)) {
            throw new IllegalArgumentException("filters must be one or more sizes >= 1, got " + filters);
        }
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be an odd length >= 1 (so the padding keeps the window"
                    + " length), got " + kernel);
        }
        int factor = 1 << filters.size();
        if (window % factor != 0) {
            throw new IllegalArgumentException("window " + window + " is not divisible by 2^" + filters.size() + " = "
                    + factor + " (one downsampling by 2 per encoder stage " + filters + "); use a window that is a"
                    + " multiple of " + factor + " or fewer stages");
        }
        if (!downsampling.equals(MAXPOOL) && !downsampling.equals(STRIDE)) {
            throw new IllegalArgumentException(
                    "downsampling must be '" + MAXPOOL + "' or '" + STRIDE + "', got '" + downsampling + "'");
        }
        if (bottleneck < 0) {
            throw new IllegalArgumentException("bottleneck must be >= 0 (0 for none), got " + bottleneck);
        }
        if (!activation.equals("relu") && !activation.equals("tanh")) {
            throw new IllegalArgumentException("activation must be 'relu' or 'tanh', got '" + activation + "'");
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

    /** Steps of the encoder's last feature map. */
    public int codeLength() {
        return window >> filters.size();
    }

    @Override
    public Block newBlock() {
        return new Conv1dAutoencoder(this);
    }
}
