package dev.recon.operators.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.ReconstructionScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.testing.TestBundles;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.DenoisedImage;
import dev.recon.operators.types.ScaledImage;
import dev.recon.operators.types.ScoredImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link ImageScorer}: scores equal to offline scoring, where the error is, batching,
 * reconstructions and hot swap (the machinery shared with {@link MicroBatchScorer}).
 */
class ImageScorerTest {

    private static final int SIDE = 8;
    private static final int PIXELS = SIDE * SIDE;
    private static final long T0 = 1_700_000_000_000L;
    /** Relative tolerance against offline scores: libtorch picks kernels per batch size. */
    private static final double RELATIVE = 1e-5;

    @TempDir
    static Path tmp;

    private static Path bundle;
    private static Path everyImage;
    private static Path v2;
    private static Path otherSize;
    private static Path windows;
    private final List<AutoCloseable> harnesses = new ArrayList<>();

    @BeforeAll
    static void bundles() throws Exception {
        bundle = TestBundles.writeConv(tmp.resolve("b"), SIDE, SIDE, "transposed", 1e9);
        everyImage = TestBundles.writeConv(tmp.resolve("zero"), SIDE, SIDE, "transposed", 0);
        v2 = withVersion(TestBundles.writeConv(tmp.resolve("v2"), SIDE, SIDE, "transposed", 1e9), "2");
        otherSize = withVersion(TestBundles.writeConv(tmp.resolve("v3"), 2 * SIDE, 2 * SIDE, "transposed", 1e9), "3");
        BundleManifest dense = TestBundles.denseManifest(List.of("v"), 4, 1, 1e9);
        windows = TestBundles.write(tmp.resolve("windows"), new BundleManifest(dense.formatVersion(), "test-images",
                "4", dense.createdAt(), dense.architecture(), dense.input(), dense.normalization(), dense.score(),
                dense.threshold(), null, null, null));
    }

    /** The same weights under another version: the manifest is not checksummed, only the files it lists. */
    private static Path withVersion(Path path, String version) throws Exception {
        Path manifest = path.resolve(ModelBundle.MANIFEST_FILE);
        ObjectNode tree = (ObjectNode) ModelBundle.json().readTree(manifest.toFile());
        tree.put("version", version);
        ModelBundle.json().writeValue(manifest.toFile(), tree);
        return path;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable h : harnesses) {
            h.close();
        }
    }

    private OneInputStreamOperatorTestHarness<ScaledImage, ScoredImage> harness(Path model, int batch, long waitMs,
            boolean denoised, int grid) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new ImageScorer(model.toString(), batch, waitMs, denoised,
                ReconMetrics.DEFAULT_SENSOR_LABEL_LIMIT, grid));
        harnesses.add(h);
        h.open();
        return h;
    }

    private static float[] randomPixels(long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            pixels[p] = random.nextInt(256) / 255f;
        }
        return pixels;
    }

    private static StreamRecord<ScaledImage> image(int i) {
        return new StreamRecord<>(new ScaledImage("camera-" + (i % 2), T0 + i, randomPixels(i), "images/0@" + i));
    }

    @Test
    void scoresBatchesAsTheOfflineScorerDoesAndSaysWhereTheErrorIs() throws Exception {
        int n = 5;
        var h = harness(bundle, 2, 60_000, false, 3);
        for (int i = 0; i < n; i++) {
            h.processElement(image(i));
        }
        assertThat(h.extractOutputValues()).as("two full batches of 2").hasSize(4);
        h.prepareSnapshotPreBarrier(1L);
        List<ScoredImage> scored = h.extractOutputValues();
        assertThat(scored).hasSize(n);

        float[] all = new float[n * PIXELS];
        for (int i = 0; i < n; i++) {
            System.arraycopy(randomPixels(i), 0, all, i * PIXELS, PIXELS);
        }
        WindowScore[] offline;
        try (LoadedModel model = ModelBundle.load(bundle).open(); var scorer = new ReconstructionScorer(model)) {
            offline = scorer.score(all, n);
        }
        for (int i = 0; i < n; i++) {
            ScoredImage s = scored.get(i);
            WindowScore expected = offline[i];
            assertThat(s.sourceId()).isEqualTo("camera-" + (i % 2));
            assertThat(s.ts()).isEqualTo(T0 + i);
            assertThat(s.score()).as("image %d", i).isCloseTo(expected.score(), within(RELATIVE * expected.score()));
            assertThat(s.channels()).containsExactly("gray");
            assertThat(s.channelErrors()[0]).isCloseTo(expected.score(), within(RELATIVE * expected.score()));
            assertThat(s.peakRow() * SIDE + s.peakCol()).isEqualTo(expected.peakStep());
            assertThat(s.peakError()).isCloseTo(expected.stepErrors()[expected.peakStep()],
                    within(RELATIVE * expected.stepErrors()[expected.peakStep()]));
            // 8 pixels in 3 cells per side: rows and columns [0, 2), [2, 5), [5, 8)
            assertThat(s.gridRows()).isEqualTo(3);
            assertThat(s.gridCols()).isEqualTo(3);
            double topLeft = 0;
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    topLeft += expected.stepErrors()[y * SIDE + x];
                }
            }
            assertThat(s.gridErrors()[0]).isCloseTo(topLeft / 4, within(1e-4 * topLeft));
            assertThat(s.anomalous()).isFalse();
            assertThat(s.model()).isEqualTo("test-images");
            assertThat(s.modelVersion()).isEqualTo("1");
        }
        assertThat(h.getOutput()).filteredOn(StreamRecord.class::isInstance)
                .extracting(r -> ((StreamRecord<?>) r).getTimestamp())
                .containsExactly(T0, T0 + 1, T0 + 2, T0 + 3, T0 + 4);
        var accumulators = h.getEnvironment().getAccumulatorRegistry().getUserMap();
        assertThat(accumulators.get(ReconMetrics.WINDOWS_SCORED_ACCUMULATOR).getLocalValue()).isEqualTo((long) n);
    }

    @Test
    void aLatentKnnBundleScoresInTheStreamAsOffline() throws Exception {
        Path knn = TestBundles.writeConvLatentKnn(tmp.resolve("knn"), SIDE, SIDE, 3, 25);
        int n = 4;
        var h = harness(knn, 3, 60_000, false, 2);
        for (int i = 0; i < n; i++) {
            h.processElement(image(i));
        }
        h.prepareSnapshotPreBarrier(1L);
        List<ScoredImage> scored = h.extractOutputValues();
        assertThat(scored).hasSize(n);
        float[] all = new float[n * PIXELS];
        for (int i = 0; i < n; i++) {
            System.arraycopy(randomPixels(i), 0, all, i * PIXELS, PIXELS);
        }
        try (LoadedModel model = ModelBundle.load(knn).open(); var scorer = new ReconstructionScorer(model)) {
            WindowScore[] offline = scorer.score(all, n);
            for (int i = 0; i < n; i++) {
                assertThat(scored.get(i).score()).as("image %d", i)
                        .isCloseTo(offline[i].score(), within(RELATIVE * offline[i].score()));
                // the score is a code distance, not the reconstruction error the grid still shows
                assertThat(scored.get(i).score()).isNotCloseTo(offline[i].channelErrors()[0], within(1e-9));
            }
        }
    }

    @Test
    void everyImageAboveTheThresholdIsAnomalous() throws Exception {
        var h = harness(everyImage, 64, 60_000, false, 4);
        h.processElement(image(1));
        h.processElement(image(2));
        h.getOneInputOperator().finish(); // what the task calls at the end of a bounded input
        assertThat(h.extractOutputValues()).hasSize(2).allSatisfy(s -> {
            assertThat(s.anomalous()).isTrue();
            assertThat(s.threshold()).isZero();
            assertThat(s.gridRows()).isEqualTo(4);
        });
        var accumulators = h.getEnvironment().getAccumulatorRegistry().getUserMap();
        assertThat(accumulators.get(ReconMetrics.ANOMALIES_ACCUMULATOR).getLocalValue()).isEqualTo(2L);
    }

    @Test
    void aPartialBatchIsScoredAfterMaxWaitAndHoldsTheWatermarkUntilThen() throws Exception {
        var h = harness(bundle, 64, 100, false, 4);
        h.setProcessingTime(1000);
        h.processElement(image(1));
        h.processWatermark(new Watermark(T0 + 1));
        h.setProcessingTime(1050);
        assertThat(h.getOutput()).isEmpty();
        h.setProcessingTime(1100);
        assertThat(h.extractOutputValues()).hasSize(1);
        assertThat(h.getOutput()).contains(new Watermark(T0 + 1));
    }

    @Test
    void reconstructionsGoToTheSideOutputInTheModelsShape() throws Exception {
        var h = harness(bundle, 2, 60_000, true, 4);
        h.processElement(image(3));
        h.processElement(image(4));
        var denoised = h.getSideOutput(DenoisedImage.OUTPUT_TAG);
        assertThat(denoised).hasSize(2);
        DenoisedImage d = denoised.peek().getValue();
        assertThat(d.sourceId()).isEqualTo("camera-1");
        assertThat(d.ts()).isEqualTo(T0 + 3);
        assertThat(new int[] {d.channels(), d.height(), d.width()}).containsExactly(1, SIDE, SIDE);
        assertThat(denoised.peek().getTimestamp()).isEqualTo(T0 + 3);
        try (LoadedModel model = ModelBundle.load(bundle).open(); var scorer = new ReconstructionScorer(model)) {
            float[] expected = scorer.reconstruct(randomPixels(3), 1);
            for (int p = 0; p < PIXELS; p++) {
                assertThat(d.pixels()[p]).isCloseTo(expected[p], within(1e-5f));
            }
        }
    }

    @Test
    void hotSwapsToABundleOfTheSameShapeAndRejectsOthers() throws Exception {
        var h = new TwoInputStreamOperatorTestHarness<>(new ImageScorer(bundle.toString(), 8, 60_000, false));
        harnesses.add(h);
        h.open();
        h.processElement1(image(1));
        h.processElement2(update(otherSize));
        h.processElement2(update(windows));
        h.processElement2(update(v2));
        h.processElement1(image(2));
        h.prepareSnapshotPreBarrier(1);
        assertThat(h.extractOutputValues()).extracting(ScoredImage::modelVersion).containsExactly("1", "2");
        var accumulators = h.getEnvironment().getAccumulatorRegistry().getUserMap();
        assertThat(accumulators.get(ReconMetrics.MODEL_SWAPS_ACCUMULATOR).getLocalValue()).isEqualTo(1L);
        assertThat(accumulators.get(ReconMetrics.MODEL_SWAP_FAILURES_ACCUMULATOR).getLocalValue()).isEqualTo(2L);
    }

    private static StreamRecord<String> update(Path path) {
        return new StreamRecord<>("{\"model\": \"test-images\", \"bundle\": \"" + path + "\"}");
    }

    @Test
    void refusesToServeAModelOfWindowsAndImagesOfTheWrongSize() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new ImageScorer(windows.toString(), 8, 60_000, false));
        harnesses.add(h);
        assertThatThrownBy(h::open).hasMessageContaining("takes 'timeseries' windows, not images");

        var images = harness(bundle, 8, 60_000, false, 4);
        assertThatThrownBy(() -> images.processElement(new StreamRecord<>(
                new ScaledImage("c", T0, new float[PIXELS + 1], "o"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has 65 values but model");
        assertThatThrownBy(() -> new ImageScorer(bundle.toString(), 8, 10, false, 10, 0))
                .hasMessageContaining("errorGrid must be >= 1");
    }
}
