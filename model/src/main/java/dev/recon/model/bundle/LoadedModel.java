package dev.recon.model.bundle;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.recon.model.arch.ConditionalModelSpec;
import dev.recon.model.arch.Conditions;
import dev.recon.model.arch.LatentModelSpec;
import dev.recon.model.arch.NetworkSpec;
import dev.recon.model.scoring.LatentReferences;
import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.window.ZScoreNormalizer;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;

/**
 * A bundle's model loaded into DJL, ready for inference; closing it frees native memory.
 */
public final class LoadedModel implements AutoCloseable {

    private final BundleManifest manifest;
    private final Model model;
    private final ZScoreNormalizer normalizer;
    private final LatentReferences latentReferences;

    private LoadedModel(BundleManifest manifest, Model model, LatentReferences latentReferences) {
        this.manifest = manifest;
        this.model = model;
        this.normalizer = manifest.normalization().toNormalizer();
        this.latentReferences = latentReferences;
    }

    static LoadedModel open(ModelBundle bundle) throws BundleFormatException {
        BundleManifest manifest = bundle.manifest();
        checkImageShape(manifest, bundle);
        Block block = manifest.architecture().newBlock();
        LatentReferences references = latentReferences(bundle);
        try {
            ReconstructionScorer.requireCompatible(block, manifest.score(), references, manifest.name());
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException("model bundle " + bundle.source() + ": " + e.getMessage(), e);
        }
        Model model = Model.newInstance(manifest.name());
        try {
            model.setBlock(block);
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                    Files.newInputStream(bundle.directory().resolve(ModelBundle.PARAMETERS_FILE))))) {
                block.loadParameters(model.getNDManager(), in);
            }
            checkShapes(manifest, model, bundle);
            return new LoadedModel(manifest, model, references);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            if (e instanceof BundleFormatException bfe) {
                throw bfe;
            }
            throw new BundleFormatException("cannot load the parameters of model bundle "
                    + bundle.source() + " as a '" + manifest.architecture().kind() + "' model: " + e.getMessage(), e);
        }
    }

    /** The training codes a {@code latent-knn} bundle carries (checksummed with its other files); else null. */
    private static LatentReferences latentReferences(ModelBundle bundle) throws BundleFormatException {
        if (!bundle.manifest().score().latent()) {
            return null;
        }
        if (!bundle.manifest().files().containsKey(LatentReferences.FILE)) {
            throw new BundleFormatException("model bundle " + bundle.source() + " scores by "
                    + bundle.manifest().score() + " but lists no '" + LatentReferences.FILE + "' in 'files'");
        }
        try {
            return LatentReferences.read(bundle.directory().resolve(LatentReferences.FILE));
        } catch (IOException e) {
            throw new BundleFormatException("model bundle " + bundle.source() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A forward pass on zeros proves the parameters fit the architecture the manifest describes;
     * the reconstruction is the first output (variational and adversarial models add their codes).
     * A conditional model reads a condition index too: condition 0.
     */
    private static void checkShapes(BundleManifest manifest, Model model, ModelBundle bundle) {
        int width = manifest.input().windowSize();
        try (NDManager scratch = model.getNDManager().newSubManager()) {
            NDList input = new NDList(scratch.zeros(new Shape(1, width)));
            if (ConditionalModelSpec.of(manifest.architecture()) != null) {
                input.add(scratch.zeros(new Shape(1), DataType.INT32));
            }
            NDList out = model.getBlock().forward(new ParameterStore(scratch, false), input, false);
            Shape shape = out.get(0).getShape();
            if (!shape.equals(new Shape(1, width))) {
                throw new IllegalStateException("model bundle " + bundle.source() + " reconstructs shape "
                        + shape + " but its input is " + new Shape(1, width));
            }
        }
    }

    /** A convolutional network of a latent-code model takes images of exactly its shape. */
    private static void checkImageShape(BundleManifest manifest, ModelBundle bundle) throws BundleFormatException {
        if (!(manifest.architecture() instanceof LatentModelSpec latent) || latent.network().imageShape() == null) {
            return;
        }
        NetworkSpec network = latent.network();
        InputSpec input = manifest.input();
        if (!input.imageInput() || !input.shape().equals(network.imageShape())) {
            throw new BundleFormatException("model bundle " + bundle.source() + ": a '" + manifest.architecture().kind()
                    + "' architecture with a '" + network.type() + "' network of " + network.imageShape()
                    + " needs an image input of that shape, got a '" + input.type() + "' input of shape "
                    + input.shape());
        }
    }

    /** The training examples' latent codes of a {@code latent-knn} bundle; {@code null} for other score functions. */
    public LatentReferences latentReferences() {
        return latentReferences;
    }

    /** The bundle's manifest. */
    public BundleManifest manifest() {
        return manifest;
    }

    /**
     * The conditions of a conditional model ({@code cvae}): every example it scores needs one; see
     * {@link ReconstructionScorer#scoreBatch(float[], int[], int)}. {@code null} for other models.
     */
    public Conditions conditions() {
        return ConditionalModelSpec.of(manifest.architecture());
    }

    /** The normaliser fitted at training time. */
    public ZScoreNormalizer normalizer() {
        return normalizer;
    }

    /** The underlying DJL model (for predictors). */
    public Model djlModel() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }
}
