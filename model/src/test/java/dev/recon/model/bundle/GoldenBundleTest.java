package dev.recon.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.window.ZScoreNormalizer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Bundles written by earlier recon versions still load and score the same (golden files).
 *
 * <p>{@code golden/dense-v1} was written before image inputs, conv2d and detection metrics were
 * added to the manifest, by:
 * {@code bin/recon train --data data/samples/nab/ec2_request_latency_system_failure.csv --window 8
 * --hidden 8 --latent 2 --epochs 2 --seed 1 --name golden-dense --out dense-v1}; {@code recon score}
 * then gave the window of its first 8 rows the score asserted here.
 */
class GoldenBundleTest {

    private static final double[] FIRST_WINDOW = {
        45.868, 47.606, 42.58, 46.03, 44.992, 45.238, 45.751999999999995, 46.476000000000006
    };
    private static final double FIRST_WINDOW_SCORE = 1.0215337616783446;

    @Test
    void denseBundleOfFormatVersionOneStillLoadsAndScoresTheSame() throws Exception {
        ModelBundle bundle = ModelBundle.load(golden("dense-v1"));
        BundleManifest m = bundle.manifest();
        assertThat(m.formatVersion()).isEqualTo(1);
        assertThat(m.architecture().kind()).isEqualTo("dense");
        assertThat(m.input().type()).isEqualTo(InputSpec.TIME_SERIES);
        assertThat(m.input().scaling()).isNull();
        assertThat(m.training().detection()).isNull();
        assertThat(m.threshold().method()).isEqualTo("quantile");
        try (LoadedModel model = bundle.open(); ReconstructionScorer scorer = new ReconstructionScorer(model)) {
            ZScoreNormalizer normalizer = model.normalizer();
            float[] window = new float[FIRST_WINDOW.length];
            for (int i = 0; i < window.length; i++) {
                normalizer.normalize(new double[] {FIRST_WINDOW[i]}, window, i);
            }
            assertThat(scorer.score(window).score()).isCloseTo(FIRST_WINDOW_SCORE, withinPercentage(1e-3));
        }
    }

    /**
     * {@code golden/conv2d-v1}: the first image bundle format ({@code conv2d}, image input, no
     * normalisation), written by {@code TestBundles.writeConv(dir, 8, 8, "transposed", 0.05)}; the
     * horizontal gradient image {@code x / 8} scored 0.08360563057444481 when it was written.
     */
    @Test
    void convBundleOfTheFirstImageFormatStillLoadsAndScoresTheSame() throws Exception {
        ModelBundle bundle = ModelBundle.load(golden("conv2d-v1"));
        BundleManifest m = bundle.manifest();
        assertThat(m.architecture().kind()).isEqualTo("conv2d");
        assertThat(m.input().shape()).containsExactly(1, 8, 8);
        assertThat(m.input().scaling()).isEqualTo(InputSpec.UNIT_SCALING);
        try (LoadedModel model = bundle.open(); ReconstructionScorer scorer = new ReconstructionScorer(model)) {
            float[] image = new float[64];
            for (int i = 0; i < 64; i++) {
                image[i] = (i % 8) / 8f;
            }
            assertThat(scorer.score(image).score()).isCloseTo(0.08360563057444481, withinPercentage(1e-3));
        }
    }

    static Path golden(String name) throws URISyntaxException {
        return Path.of(GoldenBundleTest.class.getResource("/golden/" + name + "/manifest.json").toURI()).getParent();
    }
}
