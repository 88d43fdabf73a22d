package dev.recon.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import dev.recon.model.arch.AdversarialAutoencoder;
import java.util.List;

/**
 * An adversarial autoencoder (Makhzani et al. 2016): each mini-batch takes
 * <ol>
 *   <li>a reconstruction step: the encoder and decoder, with their own Adam, on the reconstruction
 *       loss;</li>
 *   <li>a discriminator step: a small network on codes, with its own Adam, learns to tell samples
 *       of the prior {@code N(0, I)} (label 1) from the encoder's codes of the batch (label 0),
 *       by binary cross-entropy on its logit;</li>
 *   <li>a generator step: the encoder alone, with a third Adam, learns to make the discriminator
 *       call its codes prior samples (label 1; the non-saturating generator loss).</li>
 * </ol>
 * The codes thus spread like the prior, which regularises the latent space the way a VAE's KL term
 * does, without a variational encoder.
 *
 * <p>Each Adam must update only its own parameters, and a DJL trainer updates every parameter of
 * its model's block; so the discriminator lives in its own {@link Model}, and the generator step
 * trains a second model whose block is the autoencoder's encoder (the same parameters, already
 * initialised). Neither is saved: the bundle holds the autoencoder only. The training loss
 * reported per epoch is the reconstruction loss.
 */
final class AdversarialObjective implements TrainingObjective {

    private static final float LEAKY_SLOPE = 0.2f;

    private final Model model;
    private final AdversarialAutoencoder autoencoder;
    private final ReconstructionLoss loss;
    private final List<Integer> discriminatorHidden;
    private final double learningRate;
    private final Loss adversarialLoss = new SigmoidBinaryCrossEntropyLoss("adversarial");
    private Model discriminatorModel;
    private Model generatorModel;
    private Trainer reconstruction;
    private Trainer discriminator;
    private Trainer generator;

    AdversarialObjective(Model model, AdversarialAutoencoder autoencoder, ReconstructionLoss loss,
            List<Integer> discriminatorHidden, double learningRate) {
        this.model = model;
        this.autoencoder = autoencoder;
        this.loss = loss;
        this.discriminatorHidden = List.copyOf(discriminatorHidden);
        this.learningRate = learningRate;
    }

    /** {@code code -> (hidden, leaky ReLU)... -> one logit}: high means "a sample of the prior". */
    static SequentialBlock discriminator(List<Integer> hidden) {
        SequentialBlock block = new SequentialBlock();
        for (int size : hidden) {
            block.add(Linear.builder().setUnits(size).build());
            block.add(list -> Activation.leakyRelu(list, LEAKY_SLOPE));
        }
        block.add(Linear.builder().setUnits(1).build());
        return block;
    }

    @Override
    public void initialize(Shape batchShape) {
        reconstruction = Trainers.adam(model, learningRate, loss);
        reconstruction.initialize(batchShape);
        discriminatorModel = Model.newInstance("discriminator", model.getNDManager().getDevice());
        discriminatorModel.setBlock(discriminator(discriminatorHidden));
        discriminator = Trainers.adam(discriminatorModel, learningRate, adversarialLoss);
        discriminator.initialize(new Shape(batchShape.get(0), autoencoder.latentSize()));
        generatorModel = Model.newInstance("generator", model.getNDManager().getDevice());
        generatorModel.setBlock(autoencoder.encoder());
        // No initialize(): the encoder's parameters are the autoencoder's, initialised just above.
        generator = Trainers.adam(generatorModel, learningRate, adversarialLoss);
    }

    @Override
    public double step(NDArray input, NDArray target) {
        double value;
        try (GradientCollector collector = reconstruction.newGradientCollector()) {
            NDArray l = loss.evaluate(new NDList(target), reconstruction.forward(new NDList(input)));
            collector.backward(l);
            value = l.getFloat();
        }
        Trainers.step(reconstruction);

        NDManager manager = input.getManager();
        long n = input.getShape().get(0);
        Shape codeShape = new Shape(n, autoencoder.latentSize());
        NDArray real = manager.ones(new Shape(n, 1));
        NDArray fake = manager.zeros(new Shape(n, 1));
        // The encoder is not trained in the discriminator step: its codes enter as constants.
        NDArray codes = autoencoder.encode(new ParameterStore(manager, false), input).stopGradient();
        NDArray prior = manager.randomNormal(0f, 1f, codeShape, DataType.FLOAT32, input.getDevice());
        // The last generator step's backward pass went through the discriminator too.
        Trainers.zeroGradients(discriminatorModel.getBlock());
        try (GradientCollector collector = discriminator.newGradientCollector()) {
            NDArray l = adversarialLoss.evaluate(new NDList(real), discriminator.forward(new NDList(prior)))
                    .add(adversarialLoss.evaluate(new NDList(fake), discriminator.forward(new NDList(codes))));
            collector.backward(l);
        }
        Trainers.step(discriminator);

        try (GradientCollector collector = generator.newGradientCollector()) {
            NDArray generated = generator.forward(new NDList(input)).singletonOrThrow();
            NDArray l = adversarialLoss.evaluate(new NDList(real), discriminator.forward(new NDList(generated)));
            collector.backward(l);
        }
        Trainers.step(generator);
        return value;
    }

    @Override
    public String describe() {
        return loss.getName() + " loss, discriminator " + discriminatorHidden + " on a N(0, I) prior";
    }

    @Override
    public void close() {
        if (generator != null) {
            generator.close();
        }
        if (generatorModel != null) {
            generatorModel.close(); // its own manager only: the encoder's parameters belong to the autoencoder
        }
        if (discriminator != null) {
            discriminator.close();
        }
        if (discriminatorModel != null) {
            discriminatorModel.close();
        }
        if (reconstruction != null) {
            reconstruction.close();
        }
    }
}
