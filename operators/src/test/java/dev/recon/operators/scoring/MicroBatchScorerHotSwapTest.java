package dev.recon.operators.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.testing.TestBundles;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.ModelAnnouncement;
import dev.recon.operators.types.RawWindow;
import dev.recon.operators.types.ScoredWindow;
import dev.recon.operators.types.ScorerInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link MicroBatchScorer}'s model hot swap through its second input. */
class MicroBatchScorerHotSwapTest {

    private static final int WINDOW = 4;

    @TempDir
    static Path tmp;

    private static Path v1;
    private static Path v2;
    private static Path otherShape;
    private static Path corrupt;
    private final List<TwoInputStreamOperatorTestHarness<ScorerInput, String, ScoredWindow>> harnesses = new ArrayList<>();

    @BeforeAll
    static void bundles() throws Exception {
        v1 = TestBundles.writeDense(tmp.resolve("v1"), List.of("v"), WINDOW, 1, 1e9);
        v2 = withVersion(TestBundles.writeDense(tmp.resolve("v2"), List.of("v"), WINDOW, 1, 1e9), "2");
        otherShape = withVersion(TestBundles.writeDense(tmp.resolve("v3"), List.of("v"), WINDOW + 1, 1, 1e9), "3");
        corrupt = withVersion(TestBundles.writeDense(tmp.resolve("v4"), List.of("v"), WINDOW, 1, 1e9), "4");
        Files.write(corrupt.resolve(ModelBundle.PARAMETERS_FILE), new byte[] {1, 2, 3});
    }

    /** The same weights under another version: the manifest is not checksummed, only the files it lists. */
    private static Path withVersion(Path bundle, String version) throws Exception {
        Path manifest = bundle.resolve(ModelBundle.MANIFEST_FILE);
        ObjectNode tree = (ObjectNode) ModelBundle.json().readTree(manifest.toFile());
        tree.put("version", version);
        ModelBundle.json().writeValue(manifest.toFile(), tree);
        return bundle;
    }

    @AfterEach
    void close() throws Exception {
        for (var h : harnesses) {
            h.close();
        }
    }

    private TwoInputStreamOperatorTestHarness<ScorerInput, String, ScoredWindow> harness() throws Exception {
        var h = new TwoInputStreamOperatorTestHarness<>(new MicroBatchScorer(v1.toString(), 8, 60_000, false));
        harnesses.add(h);
        return h;
    }

    private static StreamRecord<ScorerInput> window(int end) {
        long[] ts = new long[WINDOW];
        double[] v = new double[WINDOW];
        for (int t = 0; t < WINDOW; t++) {
            ts[t] = 1000L * (end - WINDOW + 1 + t);
            v[t] = Math.sin(end + t);
        }
        return new StreamRecord<>(new RawWindow("a", ts, v), ts[WINDOW - 1]);
    }

    private static StreamRecord<String> update(String model, Path bundle) {
        return new StreamRecord<>("{\"model\": \"" + model + "\", \"bundle\": \"" + bundle + "\"}");
    }

    private static long accumulator(TwoInputStreamOperatorTestHarness<?, ?, ?> h, String name) {
        return (Long) h.getEnvironment().getAccumulatorRegistry().getUserMap().get(name).getLocalValue();
    }

    @Test
    void windowsBeforeTheAnnouncementCarryTheOldVersionAndAfterItTheNew() throws Exception {
        var h = harness();
        h.open();
        h.processElement1(window(10));
        h.processElement1(window(11)); // pending in the batch when the update arrives
        h.processElement2(update("test-model", v2));
        h.processElement1(window(12));
        h.processElement1(window(13));
        h.prepareSnapshotPreBarrier(1);
        List<ScoredWindow> out = h.extractOutputValues();
        assertThat(out).extracting(ScoredWindow::windowEnd).containsExactly(10_000L, 11_000L, 12_000L, 13_000L);
        assertThat(out).extracting(ScoredWindow::modelVersion).containsExactly("1", "1", "2", "2");
        assertThat(accumulator(h, ReconMetrics.MODEL_SWAPS_ACCUMULATOR)).isEqualTo(1L);
    }

    @Test
    void announcementsRelayedInOrderWithTheWindowsSwapTheModelBetweenThem() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<ScorerInput, ScoredWindow>(
                new MicroBatchScorer(v1.toString(), 8, 60_000, false))) {
            h.open();
            h.processElement(window(10));
            h.processElement(new StreamRecord<>(new ModelAnnouncement(update("another-model", v2).getValue())));
            h.processElement(window(11));
            h.processElement(new StreamRecord<>(new ModelAnnouncement(update("test-model", v2).getValue())));
            h.processElement(window(12));
            h.prepareSnapshotPreBarrier(1);
            assertThat(h.extractOutputValues()).extracting(ScoredWindow::modelVersion).containsExactly("1", "1", "2");
            var accumulators = h.getEnvironment().getAccumulatorRegistry().getUserMap();
            assertThat(accumulators.get(ReconMetrics.MODEL_SWAPS_ACCUMULATOR).getLocalValue()).isEqualTo(1L);
        }
    }

    @Test
    void invalidAnnouncementsAreRejectedAndTheOldModelKeepsServing() throws Exception {
        var h = harness();
        h.open();
        h.processElement2(new StreamRecord<>("not json"));
        h.processElement2(new StreamRecord<>("{\"model\": \"test-model\"}"));
        h.processElement2(update("test-model", tmp.resolve("missing")));
        h.processElement2(update("test-model", corrupt));
        h.processElement2(update("test-model", otherShape));
        h.processElement2(update("another-model", v2)); // not ours: ignored, not a failure
        h.processElement1(window(10));
        h.prepareSnapshotPreBarrier(1);
        assertThat(h.extractOutputValues()).extracting(ScoredWindow::modelVersion).containsExactly("1");
        assertThat(accumulator(h, ReconMetrics.MODEL_SWAP_FAILURES_ACCUMULATOR)).isEqualTo(5L);
        assertThat(accumulator(h, ReconMetrics.MODEL_SWAPS_ACCUMULATOR)).isZero();
    }

    @Test
    void aRestoredOperatorServesTheSwappedModel() throws Exception {
        var before = harness();
        before.open();
        before.processElement2(update("test-model", v2));
        OperatorSubtaskState snapshot = before.snapshot(1L, 1L);
        var after = harness();
        after.initializeState(snapshot);
        after.open();
        after.processElement1(window(10));
        after.prepareSnapshotPreBarrier(2);
        assertThat(after.extractOutputValues()).extracting(ScoredWindow::modelVersion).containsExactly("2");
    }

    @Test
    void onlyTheWindowsWatermarksGoDownstream() throws Exception {
        var h = harness();
        h.open();
        h.processWatermark1(new Watermark(5_000));
        assertThat(h.getOutput()).contains(new Watermark(5_000));
        h.processWatermark2(new Watermark(9_000));
        assertThat(h.getOutput()).doesNotContain(new Watermark(9_000));
    }

    @Test
    void aWatermarkWaitsForTheWindowsBatchedBeforeIt() throws Exception {
        var h = harness();
        h.open();
        h.processElement1(window(10));
        h.processWatermark1(new Watermark(10_000));
        assertThat(h.getOutput()).isEmpty();
        h.prepareSnapshotPreBarrier(1);
        // the window first, then the watermark that followed it
        assertThat(h.getOutput()).hasSize(2);
        assertThat(h.getOutput().poll()).isInstanceOf(StreamRecord.class);
        assertThat(h.getOutput().poll()).isEqualTo(new Watermark(10_000));
    }
}
