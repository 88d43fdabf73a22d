package dev.recon.model.arch;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Objects;

/**
 * Hyper-parameters of a {@link ConvAutoencoder} for images of {@code channels x height x width}.
 *
 * @param channels image channels (1 grayscale, 3 RGB)
 * @param height image height in pixels; divisible by {@code 2^filters.size()}
 * @param width image width in pixels; divisible by {@code 2^filters.size()}
 * @param filters output channels of each encoder stage (3 x 3 convolution, activation, 2 x 2 max-pool)
 * @param decoder {@code transposed} (transposed convolutions, kernel = stride = 2) or {@code upsample}
 *     (nearest-neighbour upsampling followed by a 3 x 3 convolution)
 * @param bottleneck size of an optional dense code between encoder and decoder; 0 for none
 * @param activation activation after every hidden layer: {@code relu} or {@code tanh}
 * @param outputActivation {@code sigmoid} (for pixels scaled to [0, 1]) or {@code none}
 */
public record ConvAutoencoderSpec(
        int channels, int height, int width, List<Integer> filters, String decoder, int bottleneck,
        String activation, String outputActivation) implements ArchitectureSpec {

    /** Manifest name of this kind. */
    public static final String KIND = "conv2d";
    /** Decoder made of transposed convolutions with kernel = stride = 2. */
    public static final String TRANSPOSED = "transposed";
    /** Decoder made of nearest-neighbour upsampling followed by convolution. */
    public static final String UPSAMPLE = "upsample";
    /** Default encoder stages. */
    public static final List<Integer> DEFAULT_FILTERS = List.of(16, 32);
    /** Sigmoid output, for inputs in [0, 1]. */
    public static final String SIGMOID = "sigmoid";

    /** Validates every field, so a spec read from a manifest is checked like one built in code. */
    public ConvAutoencoderSpec {
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(outputActivation, "outputActivation");
        filters = List.copyOf(filters);
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image channels, height and width must be >= 1, got "
                    + channels + " x " + height + " x " + width);
        }
        if (filters.isEmpty() || filters.stream().anyMatch(f -> f < 1)) {
            throw new IllegalArgumentException("filters must be one or more sizes >= 1, got " + filters);
        }
        int factor = 1 << filters.size();
        if (height % factor != 0 || width % factor != 0) {
            throw new IllegalArgumentException("image size " + height + " x " + width + " is not divisible by 2^"
                    + filters.size() + " = " + factor + " (one 2 x 2 max-pool per encoder stage " + filters
                    + "); use fewer stages or resize the images");
        }
        if (!decoder.equals(TRANSPOSED) && !decoder.equals(UPSAMPLE)) {
            throw new IllegalArgumentException(
                    "decoder must be '" + TRANSPOSED + "' or '" + UPSAMPLE + "', got '" + decoder + "'");
        }
        if (bottleneck < 0) {
            throw new IllegalArgumentException("bottleneck must be >= 0 (0 for none), got " + bottleneck);
        }
        if (!activation.equals("relu") && !activation.equals("tanh")) {
            throw new IllegalArgumentException("activation must be 'relu' or 'tanh', got '" + activation + "'");
        }
        if (!outputActivation.equals(SIGMOID) && !outputActivation.equals("none")) {
            throw new IllegalArgumentException(
                    "outputActivation must be 'sigmoid' or 'none', got '" + outputActivation + "'");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Flattened image size, {@code channels * height * width}. */
    @Override
    public int inputSize() {
        return channels * height * width;
    }

    /** Height of the encoder's last feature map. */
    public int codeHeight() {
        return height >> filters.size();
    }

    /** Width of the encoder's last feature map. */
    public int codeWidth() {
        return width >> filters.size();
    }

    @Override
    public Block newBlock() {
        return new ConvAutoencoder(this);
    }
}
