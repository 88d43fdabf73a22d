package dev.recon.model.bundle;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
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

    private LoadedModel(BundleManifest manifest, Model model) {
        this.manifest = manifest;
        this.model = model;
        this.normalizer = manifest.normalization().toNormalizer();
    }

    static LoadedModel open(ModelBundle bundle) throws BundleFormatException {
        BundleManifest manifest = bundle.manifest();
        Block block = manifest.architecture().newBlock();
        Model model = Model.newInstance(manifest.name());
        try {
            model.setBlock(block);
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                    Files.newInputStream(bundle.directory().resolve(ModelBundle.PARAMETERS_FILE))))) {
                block.loadParameters(model.getNDManager(), in);
            }
            checkShapes(manifest, model, bundle);
            return new LoadedModel(manifest, model);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            if (e instanceof BundleFormatException bfe) {
                throw bfe;
            }
            throw new BundleFormatException("cannot load the parameters of model bundle "
                    + bundle.source() + " as a '" + manifest.architecture().kind() + "' model: " + e.getMessage(), e);
        }
    }

    /** A forward pass on zeros proves the parameters fit the architecture the manifest describes. */
    private static void checkShapes(BundleManifest manifest, Model model, ModelBundle bundle) {
        int width = manifest.input().windowSize();
        try (NDManager scratch = model.getNDManager().newSubManager()) {
            NDList out = model.getBlock().forward(
                    new ParameterStore(scratch, false),
                    new NDList(scratch.zeros(new Shape(1, width))), false);
            Shape shape = out.singletonOrThrow().getShape();
            if (!shape.equals(new Shape(1, width))) {
                throw new IllegalStateException("model bundle " + bundle.source() + " reconstructs shape "
                        + shape + " but its input is " + new Shape(1, width));
            }
        }
    }

    /** The bundle's manifest. */
    public BundleManifest manifest() {
        return manifest;
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
