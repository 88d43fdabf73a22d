package dev.recon.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recon.model.arch.ConvAutoencoderSpec;
import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.testing.TestBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for bundles of image models: the image input type, the conv2d kind, round trips. */
class ImageBundleTest {

    @TempDir
    Path tmp;

    @Test
    void convBundleRoundTripsThroughDirectoryAndArchive() throws Exception {
        Path dir = TestBundles.writeConv(tmp.resolve("img"), 8, 8, ConvAutoencoderSpec.TRANSPOSED, 0.1);
        String json = Files.readString(dir.resolve(ModelBundle.MANIFEST_FILE));
        assertThat(json).contains("\"kind\" : \"conv2d\"", "\"type\" : \"image\"", "\"scaling\" : \"unit\"",
                "\"method\" : \"none\"");
        ModelBundle bundle = ModelBundle.load(dir);
        InputSpec input = bundle.manifest().input();
        assertThat(input.shape()).containsExactly(1, 8, 8);
        assertThat(input.imageInput()).isTrue();
        assertThat(input.imageHeight()).isEqualTo(8);
        assertThat(input.windowSize()).isEqualTo(64);

        float[] images = new float[3 * 64];
        Random random = new Random(2);
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextFloat();
        }
        Path zip = tmp.resolve("img.zip");
        float[] first;
        try (LoadedModel model = bundle.open(); ReconstructionScorer scorer = new ReconstructionScorer(model)) {
            first = scorer.reconstruct(images, 3);
            WindowScore score = scorer.score(images, 3)[1];
            assertThat(score.stepErrors()).hasSize(64); // an error per pixel
            assertThat(score.channelErrors()).containsExactly(score.score());
            ModelBundle.save(zip, bundle.manifest(), model.djlModel().getBlock());
        }
        try (LoadedModel model = ModelBundle.load(zip).open(); ReconstructionScorer scorer = new ReconstructionScorer(model)) {
            assertThat(scorer.reconstruct(images, 3)).containsExactly(first);
        }
    }

    @Test
    void imageScoreIsTheMeanSquaredErrorWithPerChannelAndPerPixelMaps() {
        // 2 channels x 2 pixels, channel-major
        float[] input = {1, 0, 0, 0};
        float[] recon = {0, 0, 0, 2};
        WindowScore s = WindowScore.ofImage(input, recon, 0, 2, 2);
        assertThat(s.score()).isEqualTo(5.0 / 4);
        assertThat(s.channelErrors()).containsExactly(0.5, 2.0);
        assertThat(s.stepErrors()).containsExactly(0.5, 2.0);
    }

    @Test
    void inconsistentImageManifestsAreRejected() throws Exception {
        Path dir = TestBundles.writeConv(tmp.resolve("img"), 8, 8, ConvAutoencoderSpec.UPSAMPLE, 0.1);
        ObjectNode tree = (ObjectNode) ModelBundle.json().readTree(dir.resolve(ModelBundle.MANIFEST_FILE).toFile());
        ((ObjectNode) tree.get("input")).remove("scaling");
        ModelBundle.json().writeValue(dir.resolve(ModelBundle.MANIFEST_FILE).toFile(), tree);
        assertThatThrownBy(() -> ModelBundle.load(dir)).hasMessageContaining("image input scaling must be 'unit'");

        assertThatThrownBy(() -> new BundleManifest(1, "m", "1", "t",
                new ConvAutoencoderSpec(1, 8, 8, List.of(4), "upsample", 0, "relu", "sigmoid"),
                InputSpec.timeSeries(List.of("v"), 64, 1), NormalizationSpec.none(1), new ScoreSpec("mse"),
                new dev.recon.model.threshold.Threshold(1, "manual", null, "t", null), null, null, null))
                .hasMessageContaining("a 'conv2d' architecture of [1, 8, 8] needs an image input of that shape");
        assertThatThrownBy(() -> InputSpec.timeSeries(List.of("v"), 4, 1).imageHeight())
                .isInstanceOf(IllegalStateException.class);
    }
}
