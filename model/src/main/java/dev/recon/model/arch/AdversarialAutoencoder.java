package dev.recon.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The autoencoder of an adversarial autoencoder (Makhzani et al. 2016): a deterministic encoder to a
 * code and a decoder back. During training a separate discriminator pushes the distribution of the
 * codes towards a standard Gaussian prior, with the encoder as its adversary (the generator); that
 * discriminator is the trainer's and is not part of this block or of the bundle.
 *
 * <p>Input {@code (N, inputSize)}. Output: the reconstruction {@code (N, inputSize)}, the code
 * {@code (N, latentSize)} named {@link #CODE}, and in training with a sigmoid output the
 * {@link Logits}.
 */
public final class AdversarialAutoencoder extends AbstractBlock implements LatentEncoder {

    /** Name of the code array in the output. */
    public static final String CODE = "code";

    private static final byte VERSION = 1;

    private final AdversarialAutoencoderSpec spec;
    private final SequentialBlock encoder;
    private final SequentialBlock decoder;

    /** Builds the layers described by {@code spec}; parameters are created uninitialised. */
    public AdversarialAutoencoder(AdversarialAutoencoderSpec spec) {
        super(VERSION);
        this.spec = spec;
        SequentialBlock toCode = spec.network().newEncoder();
        toCode.add(Linear.builder().setUnits(spec.latentSize()).build());
        this.encoder = addChildBlock("encoder", toCode);
        this.decoder = addChildBlock("decoder", spec.network().newDecoder());
    }

    /** The specification this block was built from. */
    public AdversarialAutoencoderSpec spec() {
        return spec;
    }

    /**
     * The encoder, {@code (N, inputSize) -> (N, latentSize)}: the generator of the adversarial
     * training phases, which updates it alone.
     */
    public Block encoder() {
        return encoder;
    }

    @Override
    public int latentSize() {
        return spec.latentSize();
    }

    /** The codes of a batch, in inference mode. */
    @Override
    public NDArray encode(ParameterStore parameters, NDArray input) {
        return encoder.forward(parameters, new NDList(input), false).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray code = encoder.forward(parameterStore, new NDList(inputs.head()), training, params).singletonOrThrow();
        NDArray out = decoder.forward(parameterStore, new NDList(code), training, params).singletonOrThrow();
        code.setName(CODE);
        boolean sigmoid = spec.network().sigmoidOutput();
        NDList result = new NDList(sigmoid ? Activation.sigmoid(out) : out, code);
        if (training && sigmoid) {
            result.add(Logits.named(out));
        }
        return result;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape input = inputShapes[0];
        encoder.initialize(manager, dataType, input);
        decoder.initialize(manager, dataType, new Shape(input.get(0), spec.latentSize()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        return new Shape[] {new Shape(n, spec.inputSize()), new Shape(n, spec.latentSize())};
    }
}
