package dev.recon.model.arch;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;
import java.util.Objects;

/**
 * Convolutional encoder and decoder for images of {@code channels x height x width}, the stages of
 * {@link ConvAutoencoder}: the encoder's convolution and max-pool stages end in a flattened
 * feature map; the decoder maps a code back to that feature map (a linear layer and the
 * activation) and runs the decoder stages and the final 3 x 3 convolution to the image channels.
 *
 * @param channels image channels (1 grayscale, 3 RGB)
 * @param height image height in pixels; divisible by {@code 2^filters.size()}
 * @param width image width in pixels; divisible by {@code 2^filters.size()}
 * @param filters output channels of each encoder stage
 * @param decoder {@code transposed} or {@code upsample} (see {@link ConvAutoencoderSpec})
 * @param activation activation after every hidden layer: {@code relu} or {@code tanh}
 * @param outputActivation {@code sigmoid} (pixels in [0, 1]) or {@code none}
 */
public record ConvNetworkSpec(int channels, int height, int width, List<Integer> filters, String decoder,
        String activation, String outputActivation) implements NetworkSpec {

    /** Manifest name of this network type. */
    public static final String TYPE = "conv";

    /** Validates every field with the rules (and messages) of {@link ConvAutoencoderSpec}. */
    public ConvNetworkSpec {
        Objects.requireNonNull(filters, "filters");
        filters = List.copyOf(filters);
        new ConvAutoencoderSpec(channels, height, width, filters, decoder, 0, activation, outputActivation);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int inputSize() {
        return channels * height * width;
    }

    @Override
    public List<Integer> imageShape() {
        return List.of(channels, height, width);
    }

    @Override
    public int featureSize() {
        return lastFilters() * codeHeight() * codeWidth();
    }

    @Override
    public SequentialBlock newEncoder() {
        SequentialBlock encoder = new SequentialBlock();
        encoder.add(ConvStages.reshape(channels, height, width, "to-image"));
        ConvStages.addEncoder(encoder, filters, ConvStages.activation(activation));
        encoder.add(ConvStages.flatten());
        return encoder;
    }

    @Override
    public SequentialBlock newDecoder() {
        SequentialBlock net = new SequentialBlock();
        net.add(Linear.builder().setUnits(featureSize()).build());
        net.add(ConvStages.activation(activation));
        net.add(ConvStages.reshape(lastFilters(), codeHeight(), codeWidth(), "to-feature-map"));
        ConvStages.addDecoder(net, filters, decoder, ConvStages.activation(activation));
        net.add(ConvStages.conv3x3(channels));
        net.add(ConvStages.flatten());
        return net;
    }

    private int lastFilters() {
        return filters.get(filters.size() - 1);
    }

    private int codeHeight() {
        return height >> filters.size();
    }

    private int codeWidth() {
        return width >> filters.size();
    }
}
