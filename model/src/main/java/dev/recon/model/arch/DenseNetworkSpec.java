package dev.recon.model.arch;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Fully connected encoder and decoder: {@code input -> hidden...} and
 * {@code code -> hidden (mirrored)... -> input}, for time-series windows or flattened images.
 *
 * @param inputSize flattened input size (window length times channels, or image size)
 * @param hiddenSizes sizes of the encoder's hidden layers, outermost first; the decoder mirrors
 *     them; may be empty (the code layers then read the input directly)
 * @param activation activation after every hidden layer: {@code relu} or {@code tanh}
 * @param outputActivation {@code none} (z-scored series) or {@code sigmoid} (pixels in [0, 1])
 */
public record DenseNetworkSpec(int inputSize, List<Integer> hiddenSizes, String activation, String outputActivation)
        implements NetworkSpec {

    /** Manifest name of this network type. */
    public static final String TYPE = "dense";

    /** Validates every field, so a spec read from a manifest is checked like one built in code. */
    public DenseNetworkSpec {
        Objects.requireNonNull(hiddenSizes, "hiddenSizes");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(outputActivation, "outputActivation");
        hiddenSizes = List.copyOf(hiddenSizes);
        if (inputSize < 1) {
            throw new IllegalArgumentException("inputSize must be >= 1, got " + inputSize);
        }
        if (hiddenSizes.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("hidden layer sizes must be >= 1, got " + hiddenSizes);
        }
        if (!activation.equals("relu") && !activation.equals("tanh")) {
            throw new IllegalArgumentException("activation must be 'relu' or 'tanh', got '" + activation + "'");
        }
        NetworkSpec.checkOutputActivation(outputActivation);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Integer> imageShape() {
        return null;
    }

    @Override
    public int featureSize() {
        return hiddenSizes.isEmpty() ? inputSize : hiddenSizes.get(hiddenSizes.size() - 1);
    }

    @Override
    public SequentialBlock newEncoder() {
        SequentialBlock encoder = new SequentialBlock();
        for (int size : hiddenSizes) {
            encoder.add(Linear.builder().setUnits(size).build());
            encoder.add(ConvStages.activation(activation));
        }
        return encoder;
    }

    @Override
    public SequentialBlock newDecoder() {
        SequentialBlock decoder = new SequentialBlock();
        List<Integer> sizes = new ArrayList<>(hiddenSizes);
        Collections.reverse(sizes);
        for (int size : sizes) {
            decoder.add(Linear.builder().setUnits(size).build());
            decoder.add(ConvStages.activation(activation));
        }
        decoder.add(Linear.builder().setUnits(inputSize).build());
        return decoder;
    }
}
