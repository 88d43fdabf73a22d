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
 * A variational autoencoder (Kingma and Welling 2014): the encoder maps an example to the mean and
 * log-variance of a diagonal Gaussian code, the decoder maps a code back to an example.
 *
 * <p>Input {@code (N, inputSize)}. Output, in this order:
 * <ol>
 *   <li>the reconstruction {@code (N, inputSize)}: in inference, that of the mean code (so serving
 *       reads it like any other model's output); in training, that of a code sampled with the
 *       reparameterisation trick, {@code z = mean + exp(logVariance / 2) * eps}, {@code eps ~ N(0, I)}
 *       from the engine's seeded generator, so gradients flow through the mean and the variance;</li>
 *   <li>the code's mean {@code (N, latentSize)}, named {@link #MEAN};</li>
 *   <li>its log-variance {@code (N, latentSize)}, named {@link #LOG_VARIANCE};</li>
 *   <li>in training, with a sigmoid output, the {@link Logits}.</li>
 * </ol>
 *
 * <p>Layers: the network's encoder, two linear heads (mean and log-variance), the network's decoder
 * and the output activation. The loss ({@code reconstruction + beta * KL}) is the trainer's: see
 * {@link KlDivergence}.
 */
public final class VariationalAutoencoder extends AbstractBlock implements LatentEncoder {

    /** Name of the mean array in the output. */
    public static final String MEAN = "mean";
    /** Name of the log-variance array in the output. */
    public static final String LOG_VARIANCE = "logVariance";

    private static final byte VERSION = 1;

    private final VariationalAutoencoderSpec spec;
    private final SequentialBlock encoder;
    private final Linear mean;
    private final Linear logVariance;
    private final SequentialBlock decoder;

    /** Builds the layers described by {@code spec}; parameters are created uninitialised. */
    public VariationalAutoencoder(VariationalAutoencoderSpec spec) {
        super(VERSION);
        this.spec = spec;
        this.encoder = addChildBlock("encoder", spec.network().newEncoder());
        this.mean = addChildBlock(MEAN, Linear.builder().setUnits(spec.latentSize()).build());
        this.logVariance = addChildBlock(LOG_VARIANCE, Linear.builder().setUnits(spec.latentSize()).build());
        this.decoder = addChildBlock("decoder", spec.network().newDecoder());
    }

    /** The specification this block was built from. */
    public VariationalAutoencoderSpec spec() {
        return spec;
    }

    @Override
    public int latentSize() {
        return spec.latentSize();
    }

    /** The mean codes of a batch, in inference mode. */
    @Override
    public NDArray encode(ParameterStore parameters, NDArray input) {
        NDList features = encoder.forward(parameters, new NDList(input), false);
        return mean.forward(parameters, features, false).singletonOrThrow();
    }

    /** Reconstructions of the codes {@code (N, latentSize)}, in inference mode: {@code (N, inputSize)}. */
    public NDArray decode(ParameterStore parameters, NDArray codes) {
        return activate(decoder.forward(parameters, new NDList(codes), false).singletonOrThrow());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList features = encoder.forward(parameterStore, new NDList(inputs.head()), training, params);
        NDArray mu = mean.forward(parameterStore, features, training, params).singletonOrThrow();
        NDArray logVar = logVariance.forward(parameterStore, features, training, params).singletonOrThrow();
        NDArray code = training ? sample(mu, logVar) : mu;
        NDArray out = decoder.forward(parameterStore, new NDList(code), training, params).singletonOrThrow();
        mu.setName(MEAN);
        logVar.setName(LOG_VARIANCE);
        NDList result = new NDList(activate(out), mu, logVar);
        if (training && spec.network().sigmoidOutput()) {
            result.add(Logits.named(out));
        }
        return result;
    }

    /** The reparameterisation trick: {@code mean + exp(logVariance / 2) * eps}, {@code eps ~ N(0, I)}. */
    private static NDArray sample(NDArray mu, NDArray logVar) {
        NDArray eps = mu.getManager().randomNormal(0f, 1f, mu.getShape(), DataType.FLOAT32, mu.getDevice());
        return mu.add(logVar.mul(0.5f).exp().mul(eps));
    }

    private NDArray activate(NDArray out) {
        return spec.network().sigmoidOutput() ? Activation.sigmoid(out) : out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape input = inputShapes[0];
        encoder.initialize(manager, dataType, input);
        Shape features = encoder.getOutputShapes(new Shape[] {input})[0];
        mean.initialize(manager, dataType, features);
        logVariance.initialize(manager, dataType, features);
        decoder.initialize(manager, dataType, new Shape(input.get(0), spec.latentSize()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        Shape code = new Shape(n, spec.latentSize());
        return new Shape[] {new Shape(n, spec.inputSize()), code, code};
    }
}
