package dev.recon.operators.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.recon.model.arch.ConditionalVariationalAutoencoderSpec;
import dev.recon.model.arch.Conditions;
import dev.recon.model.arch.DenseNetworkSpec;
import dev.recon.model.arch.NetworkSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.InputSpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.NormalizationSpec;
import dev.recon.model.bundle.ScoreSpec;
import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.testing.TestBundles;
import dev.recon.model.threshold.Threshold;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.DenoisedImage;
import dev.recon.operators.types.ScaledImage;
import dev.recon.operators.types.ScoredImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ImageScorer} serving a conditional model ({@code cvae}): each image under its condition. */
class ImageScorerConditionsTest {

    private static final int SIDE = 8;
    private static final int PIXELS = SIDE * SIDE;
    private static final long T0 = 1_700_000_000_000L;
    private static final double RELATIVE = 1e-5;
    private static final String NAME = "test-cvae";

    @TempDir
    static Path tmp;

    private static Path cvae;
    private static Path cvaeV2;
    private static Path otherConditions;
    private static Path conv;
    private final List<AutoCloseable> harnesses = new ArrayList<>();

    private static BundleManifest manifest(Conditions conditions, String version) {
        return new BundleManifest(ModelBundle.FORMAT_VERSION, NAME, version, "2026-01-01T00:00:00Z",
                new ConditionalVariationalAutoencoderSpec(
                        new DenseNetworkSpec(PIXELS, List.of(16), "relu", NetworkSpec.SIGMOID), 3, conditions),
                InputSpec.image(List.of("gray"), SIDE, SIDE), NormalizationSpec.none(1),
                new ScoreSpec(ScoreSpec.RECON_MEAN), new Threshold(1e9, "manual", Map.of(), "test", null), null, null,
                Map.of());
    }

    @BeforeAll
    static void bundles() throws Exception {
        cvae = TestBundles.write(tmp.resolve("cvae"), manifest(Conditions.ofLabels(List.of(0, 1)), "1"));
        cvaeV2 = TestBundles.write(tmp.resolve("cvae2"), manifest(Conditions.ofLabels(List.of(0, 1)), "2"));
        otherConditions = TestBundles.write(tmp.resolve("cvae3"), manifest(Conditions.ofLabels(List.of(0, 2)), "3"));
        BundleManifest c = TestBundles.convManifest(SIDE, SIDE, "transposed", 1e9);
        conv = TestBundles.write(tmp.resolve("conv"), new BundleManifest(c.formatVersion(), NAME, "4", c.createdAt(),
                c.architecture(), c.input(), c.normalization(), c.score(), c.threshold(), null, null, null));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable h : harnesses) {
            h.close();
        }
    }

    private static float[] pixels(long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            pixels[p] = random.nextInt(256) / 255f;
        }
        return pixels;
    }

    private static StreamRecord<ScaledImage> image(int i, int condition) {
        return new StreamRecord<>(new ScaledImage("camera-" + i, T0 + i, pixels(i), "images/0@" + i, condition));
    }

    @Test
    void scoresEachImageUnderItsConditionAsTheOfflineScorerDoes() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new ImageScorer(cvae.toString(), 4, 60_000, true));
        harnesses.add(h);
        h.open();
        int[] conditions = {0, 1, 1, 0, 1};
        for (int i = 0; i < conditions.length; i++) {
            h.processElement(image(i, conditions[i]));
        }
        // the same first image again, under the other condition
        h.processElement(image(0, 1));
        h.prepareSnapshotPreBarrier(1L);
        List<ScoredImage> scored = h.extractOutputValues();
        assertThat(scored).hasSize(6);
        // each says the condition it was scored under, as the model names it
        assertThat(scored).extracting(ScoredImage::condition).containsExactly("0", "1", "1", "0", "1", "1");

        float[] all = new float[conditions.length * PIXELS];
        for (int i = 0; i < conditions.length; i++) {
            System.arraycopy(pixels(i), 0, all, i * PIXELS, PIXELS);
        }
        WindowScore[] offline;
        float[] reconstruction;
        try (LoadedModel model = ModelBundle.load(cvae).open(); var scorer = new ReconstructionScorer(model)) {
            offline = scorer.score(all, conditions, conditions.length);
            reconstruction = scorer.reconstruct(pixels(0), new int[] {1}, 1);
        }
        for (int i = 0; i < conditions.length; i++) {
            assertThat(scored.get(i).score()).as("image %d", i)
                    .isCloseTo(offline[i].score(), within(RELATIVE * offline[i].score()));
        }
        assertThat(scored.get(5).score()).as("another condition, another score")
                .isNotCloseTo(scored.get(0).score(), within(RELATIVE * scored.get(0).score()));
        DenoisedImage last = h.getSideOutput(DenoisedImage.OUTPUT_TAG).stream().map(StreamRecord::getValue)
                .toList().get(5);
        for (int p = 0; p < PIXELS; p++) {
            assertThat(last.pixels()[p]).isCloseTo(reconstruction[p], within(1e-5f));
        }
    }

    @Test
    void anImageWithoutAConditionIsAnUpstreamBugNotAGuess() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new ImageScorer(cvae.toString(), 4, 60_000, false));
        harnesses.add(h);
        h.open();
        assertThatThrownBy(() -> h.processElement(new StreamRecord<>(new ScaledImage("c", T0, pixels(1), "o"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no condition, but model 'test-cvae' is conditional");
    }

    @Test
    void hotSwapsOnlyToABundleWithTheSameConditions() throws Exception {
        var h = new TwoInputStreamOperatorTestHarness<>(new ImageScorer(cvae.toString(), 8, 60_000, false));
        harnesses.add(h);
        h.open();
        h.processElement1(image(1, 1));
        h.processElement2(update(otherConditions));
        h.processElement2(update(conv));
        h.processElement2(update(cvaeV2));
        h.processElement1(image(2, 0));
        h.prepareSnapshotPreBarrier(1);
        assertThat(h.extractOutputValues()).extracting(ScoredImage::modelVersion).containsExactly("1", "2");
        var accumulators = h.getEnvironment().getAccumulatorRegistry().getUserMap();
        assertThat(accumulators.get(ReconMetrics.MODEL_SWAPS_ACCUMULATOR).getLocalValue()).isEqualTo(1L);
        assertThat(accumulators.get(ReconMetrics.MODEL_SWAP_FAILURES_ACCUMULATOR).getLocalValue()).isEqualTo(2L);

        // an unconditional bundle does not swap to a conditional one either
        var plain = new TwoInputStreamOperatorTestHarness<>(new ImageScorer(conv.toString(), 8, 60_000, false));
        harnesses.add(plain);
        plain.open();
        plain.processElement2(update(cvae));
        plain.processElement1(new StreamRecord<>(new ScaledImage("c", T0, pixels(3), "o")));
        plain.prepareSnapshotPreBarrier(1);
        assertThat(plain.extractOutputValues()).extracting(ScoredImage::modelVersion).containsExactly("4");
        assertThat(plain.extractOutputValues()).extracting(ScoredImage::condition).containsOnlyNulls();
    }

    private static StreamRecord<String> update(Path path) {
        return new StreamRecord<>("{\"model\": \"" + NAME + "\", \"bundle\": \"" + path + "\"}");
    }
}
