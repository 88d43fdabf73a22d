package dev.recon.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recon.model.arch.DenseAutoencoderSpec;
import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.testing.TestBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ModelBundle} and {@link LoadedModel}: round trips and every way a bundle breaks. */
class ModelBundleTest {

    @TempDir
    Path tmp;

    @Test
    void directoryRoundTripKeepsManifestAndReconstructions() throws Exception {
        Path dir = TestBundles.writeDense(tmp.resolve("b"), List.of("a", "b"), 6, 2, 0.25);
        ModelBundle bundle = ModelBundle.load(dir);
        BundleManifest m = bundle.manifest();
        assertThat(m.formatVersion()).isEqualTo(1); // nothing in it needs version 2: old recons read it too
        assertThat(m.architecture()).isEqualTo(new DenseAutoencoderSpec(12, List.of(8), 4, "relu"));
        assertThat(m.input().shape()).containsExactly(6, 2);
        assertThat(m.input().stride()).isEqualTo(2);
        assertThat(m.threshold().value()).isEqualTo(0.25);
        assertThat(m.files()).containsKey(ModelBundle.PARAMETERS_FILE);
        assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"kind\" : \"dense\"");

        Path zip = tmp.resolve("b.zip");
        try (LoadedModel model = bundle.open()) {
            // re-save the loaded block as an archive: the same weights must come back
            ModelBundle.save(zip, m, model.djlModel().getBlock());
        }
        float[] windows = randomWindows(3, 12);
        assertThat(reconstruct(ModelBundle.load(zip), windows)).containsExactly(reconstruct(bundle, windows));
    }

    @Test
    void corruptedParametersFailWithAChecksumMessage() throws Exception {
        Path dir = TestBundles.writeDense(tmp.resolve("b"), List.of("v"), 4, 1, 1);
        byte[] bytes = Files.readAllBytes(dir.resolve(ModelBundle.PARAMETERS_FILE));
        bytes[bytes.length - 1] ^= 0x5a;
        Files.write(dir.resolve(ModelBundle.PARAMETERS_FILE), bytes);
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("checksum mismatch for parameters.djl")
                .hasMessageContaining("corrupted or was modified");
    }

    @Test
    void incompleteBundlesSayWhatIsMissing() throws Exception {
        Path dir = TestBundles.writeDense(tmp.resolve("b"), List.of("v"), 4, 1, 1);
        Files.delete(dir.resolve(ModelBundle.PARAMETERS_FILE));
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("incomplete: parameters.djl is listed in the manifest but missing");

        Files.delete(dir.resolve(ModelBundle.MANIFEST_FILE));
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .hasMessageContaining("not a model bundle")
                .hasMessageContaining("has no manifest.json");

        assertThatThrownBy(() -> ModelBundle.load(tmp.resolve("nowhere")))
                .hasMessageContaining("model bundle not found");
    }

    @Test
    void formatVersionIsCheckedBeforeAnythingElse() throws Exception {
        Path dir = TestBundles.writeDense(tmp.resolve("b"), List.of("v"), 4, 1, 1);
        ObjectNode tree = editManifest(dir);
        tree.put("formatVersion", 4);
        tree.remove("architecture"); // would fail later, but the version must be reported first
        writeManifest(dir, tree);
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("format version 4 but this recon reads versions 1 to 3; upgrade recon");
        tree.put("formatVersion", 0);
        writeManifest(dir, tree);
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .hasMessageContaining("format version 0 but this recon reads versions 1 to 3; retrain the model");
    }

    @Test
    void inconsistentOrUnknownManifestsAreRejected() throws Exception {
        Path dir = TestBundles.writeDense(tmp.resolve("b"), List.of("v"), 4, 1, 1);
        ObjectNode tree = editManifest(dir);
        ((ObjectNode) tree.get("input")).put("windowLength", 5);
        ((ObjectNode) tree.get("input")).remove("shape");
        writeManifest(dir, tree);
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .hasMessageContaining("manifest.json")
                .hasMessageContaining("architecture.inputSize is 4 but input is 5 steps x 1 channels = 5");

        tree = editManifest(dir);
        ((ObjectNode) tree.get("input")).put("windowLength", 4);
        ((ObjectNode) tree.get("architecture")).put("kind", "transformer");
        writeManifest(dir, tree);
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .hasMessageContaining("is invalid")
                .hasMessageContaining("transformer");

        Files.writeString(dir.resolve(ModelBundle.MANIFEST_FILE), "{ not json");
        assertThatThrownBy(() -> ModelBundle.load(dir)).hasMessageContaining("is not valid JSON");
    }

    @Test
    void parametersThatDoNotFitTheArchitectureAreRejectedOnOpen() throws Exception {
        Path small = TestBundles.writeDense(tmp.resolve("small"), List.of("v"), 4, 1, 1);
        Path big = TestBundles.writeDense(tmp.resolve("big"), List.of("v"), 6, 1, 1);
        // graft the 4-wide parameters (with their valid checksum) into the 6-wide bundle
        Files.copy(small.resolve(ModelBundle.PARAMETERS_FILE), big.resolve(ModelBundle.PARAMETERS_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ObjectNode tree = editManifest(big);
        tree.set("files", editManifest(small).get("files"));
        writeManifest(big, tree);
        ModelBundle bundle = ModelBundle.load(big);
        assertThatThrownBy(bundle::open)
                .isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("cannot load the parameters")
                .hasMessageContaining("'dense'");
    }

    @Test
    void aFileThatIsNotAnArchiveIsRejected() throws IOException {
        Path file = Files.writeString(tmp.resolve("model.bin"), "x");
        assertThatThrownBy(() -> ModelBundle.load(file)).hasMessageContaining("not a .zip archive");
    }

    private static float[] reconstruct(ModelBundle bundle, float[] windows) throws BundleFormatException {
        try (LoadedModel model = bundle.open(); ReconstructionScorer scorer = new ReconstructionScorer(model)) {
            return scorer.reconstruct(windows, windows.length / scorer.windowSize());
        }
    }

    private static float[] randomWindows(int count, int width) {
        Random random = new Random(1);
        float[] data = new float[count * width];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return data;
    }

    private static ObjectNode editManifest(Path dir) throws IOException {
        return (ObjectNode) ModelBundle.json().readTree(dir.resolve(ModelBundle.MANIFEST_FILE).toFile());
    }

    private static void writeManifest(Path dir, ObjectNode tree) throws IOException {
        ModelBundle.json().writeValue(dir.resolve(ModelBundle.MANIFEST_FILE).toFile(), tree);
    }
}
