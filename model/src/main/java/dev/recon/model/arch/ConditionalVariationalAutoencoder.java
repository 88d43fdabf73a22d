package dev.recon.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A conditional variational autoencoder (Sohn, Lee and Yan 2015): a {@link VariationalAutoencoder}
 * whose encoder and decoder both see a condition, the example's class. It learns what each class
 * looks like, so an example reconstructs well only under the condition it belongs to: scored with
 * the class it claims, an example whose content does not match that class scores high.
 *
 * <p>Input: an {@code NDList} of two arrays, the examples {@code (N, inputSize)} and their
 * condition indices {@code (N)} (any integer or float type, each in {@code [0, K)}; the caller
 * checks the range: an index outside it is an all-zero condition). The condition becomes a one-hot
 * vector of {@code K} values inside the block and is fed
 * <ul>
 *   <li>to the encoder: concatenated to the flattened example (dense network), or as {@code K}
 *       extra constant image channels, all ones in the condition's channel (conv network);</li>
 *   <li>to the decoder: concatenated to the code.</li>
 * </ul>
 * Output, as a {@link VariationalAutoencoder}'s: the reconstruction {@code (N, inputSize)} (of the
 * mean code in inference, of a sampled code in training), the code's mean and log-variance
 * {@code (N, latentSize)} named {@link VariationalAutoencoder#MEAN} and
 * {@link VariationalAutoencoder#LOG_VARIANCE}, and in training with a sigmoid output the
 * {@link Logits}. So everything that reads a variational model's outputs (the loss, every score
 * function) reads this one's.
 */
public final class ConditionalVariationalAutoencoder extends AbstractBlock {

    private static final byte VERSION = 1;

    private final ConditionalVariationalAutoencoderSpec spec;
    private final int conditions;
    private final SequentialBlock encoder;
    private final Linear mean;
    private final Linear logVariance;
    private final SequentialBlock decoder;

    /** Builds the layers described by {@code spec}; parameters are created uninitialised. */
    public ConditionalVariationalAutoencoder(ConditionalVariationalAutoencoderSpec spec) {
        super(VERSION);
        this.spec = spec;
        this.conditions = spec.conditions();
        this.encoder = addChildBlock("encoder", newEncoder(spec.network()));
        this.mean = addChildBlock(VariationalAutoencoder.MEAN, Linear.builder().setUnits(spec.latentSize()).build());
        this.logVariance = addChildBlock(VariationalAutoencoder.LOG_VARIANCE,
                Linear.builder().setUnits(spec.latentSize()).build());
        // The network's decoder starts with a linear layer, which takes the code and the condition alike.
        this.decoder = addChildBlock("decoder", spec.network().newDecoder());
    }

    /**
     * The encoder over the example and its condition: the dense network's own (its first layer
     * reads {@code inputSize + K} values), or the convolutional stages over {@code channels + K}
     * channels (the network's own encoder would reshape to its {@code channels} first).
     */
    private static SequentialBlock newEncoder(NetworkSpec network) {
        if (network instanceof ConvNetworkSpec conv) {
            SequentialBlock encoder = new SequentialBlock();
            ConvStages.addEncoder(encoder, conv.filters(), ConvStages.activation(conv.activation()));
            encoder.add(ConvStages.flatten());
            return encoder;
        }
        return network.newEncoder();
    }

    /** The specification this block was built from. */
    public ConditionalVariationalAutoencoderSpec spec() {
        return spec;
    }

    /** Size of the code. */
    public int latentSize() {
        return spec.latentSize();
    }

    /**
     * Reconstructions of codes {@code (N, latentSize)} under conditions {@code (N)}, in inference
     * mode: {@code (N, inputSize)}.
     */
    public NDArray decode(ParameterStore parameters, NDArray codes, NDArray conditionIndices) {
        NDArray decoderInput = codes.concat(oneHot(conditionIndices, codes.getDataType()), 1);
        return activate(decoder.forward(parameters, new NDList(decoderInput), false).singletonOrThrow());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("a conditional VAE reads the examples and their condition indices"
                    + " (2 arrays), got " + inputs.size() + " array(s)");
        }
        NDArray x = inputs.get(0);
        NDArray condition = oneHot(inputs.get(1), x.getDataType());
        NDList features = encoder.forward(parameterStore, new NDList(encoderInput(x, condition)), training, params);
        NDArray mu = mean.forward(parameterStore, features, training, params).singletonOrThrow();
        NDArray logVar = logVariance.forward(parameterStore, features, training, params).singletonOrThrow();
        NDArray code = training ? sample(mu, logVar) : mu;
        NDArray out = decoder.forward(parameterStore, new NDList(code.concat(condition, 1)), training, params)
                .singletonOrThrow();
        mu.setName(VariationalAutoencoder.MEAN);
        logVar.setName(VariationalAutoencoder.LOG_VARIANCE);
        NDList result = new NDList(activate(out), mu, logVar);
        if (training && spec.network().sigmoidOutput()) {
            result.add(Logits.named(out));
        }
        return result;
    }

    /** {@code (N)} indices to {@code (N, K)} one-hot rows of {@code type}. */
    private NDArray oneHot(NDArray indices, DataType type) {
        NDArray classes = indices.getManager().arange(conditions).toType(DataType.FLOAT32, false).reshape(1, conditions);
        return indices.toType(DataType.FLOAT32, false).reshape(-1, 1).eq(classes).toType(type, false);
    }

    /** The dense encoder's input {@code (N, inputSize + K)}, or the conv encoder's {@code (N, channels + K, H, W)}. */
    private NDArray encoderInput(NDArray x, NDArray condition) {
        if (spec.network() instanceof ConvNetworkSpec conv) {
            long n = x.getShape().get(0);
            NDArray image = x.reshape(n, conv.channels(), conv.height(), conv.width());
            NDArray planes = condition.reshape(n, conditions, 1, 1)
                    .broadcast(new Shape(n, conditions, conv.height(), conv.width()));
            return image.concat(planes, 1);
        }
        return x.concat(condition, 1);
    }

    /** The reparameterisation trick, as {@link VariationalAutoencoder} samples. */
    private static NDArray sample(NDArray mu, NDArray logVar) {
        NDArray eps = mu.getManager().randomNormal(0f, 1f, mu.getShape(), DataType.FLOAT32, mu.getDevice());
        return mu.add(logVar.mul(0.5f).exp().mul(eps));
    }

    private NDArray activate(NDArray out) {
        return spec.network().sigmoidOutput() ? Activation.sigmoid(out) : out;
    }

    /** Initialises from the examples' shape {@code (N, inputSize)}; the conditions' shape, if given, adds nothing. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        Shape encoderInput = spec.network() instanceof ConvNetworkSpec conv
                ? new Shape(n, conv.channels() + conditions, conv.height(), conv.width())
                : new Shape(n, spec.inputSize() + conditions);
        encoder.initialize(manager, dataType, encoderInput);
        Shape features = encoder.getOutputShapes(new Shape[] {encoderInput})[0];
        mean.initialize(manager, dataType, features);
        logVariance.initialize(manager, dataType, features);
        decoder.initialize(manager, dataType, new Shape(n, spec.latentSize() + conditions));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        Shape code = new Shape(n, spec.latentSize());
        return new Shape[] {new Shape(n, spec.inputSize()), code, code};
    }
}
