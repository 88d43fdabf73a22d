package dev.recon.operators.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recon.model.arch.ArchitectureSpec;
import dev.recon.model.arch.Conv1dAutoencoderSpec;
import dev.recon.model.arch.LstmAutoencoderSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.testing.SyntheticSeries;
import dev.recon.model.testing.TestBundles;
import dev.recon.operators.types.RawWindow;
import dev.recon.operators.types.ScoredWindow;
import dev.recon.operators.types.ScorerInput;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link MicroBatchScorer} serves the sequence models (lstm, conv1d) like any bundle: same scores as offline. */
class MicroBatchScorerSeriesModelsTest {

    private static final int WINDOW = 8;
    private static final List<String> CHANNELS = List.of("temperature", "vibration");
    private static final long T0 = 1_700_000_000_000L;
    private static final int ROWS = 30;

    @TempDir
    Path tmp;

    static Stream<ArchitectureSpec> architectures() {
        return Stream.of(new LstmAutoencoderSpec(CHANNELS.size(), WINDOW, 6, 2, 3),
                new Conv1dAutoencoderSpec(CHANNELS.size(), WINDOW, List.of(4, 4), 3, "maxpool", 2, "relu"));
    }

    /** The test manifest of a dense bundle with the architecture swapped. */
    private static BundleManifest manifest(ArchitectureSpec architecture) {
        BundleManifest d = TestBundles.denseManifest(CHANNELS, WINDOW, 1, 1e9);
        return new BundleManifest(d.formatVersion(), d.name(), d.version(), d.createdAt(), architecture, d.input(),
                d.normalization(), d.score(), d.threshold(), d.training(), d.provenance(), d.files());
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void scoresBatchesOfASequenceModelLikeTheOfflineScorer(ArchitectureSpec architecture) throws Exception {
        Path bundle = TestBundles.write(tmp.resolve(architecture.kind()), manifest(architecture));
        double[] a = SyntheticSeries.sine(ROWS, 12, 1);
        double[] b = SyntheticSeries.withSpikes(SyntheticSeries.sine(ROWS, 7, 2), 9, 20);
        long[] timestamps = new long[ROWS];
        double[][] rows = new double[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            timestamps[i] = T0 + 60_000L * i;
            rows[i] = new double[] {a[i], b[i]};
        }
        List<ScoredWindow> scored;
        try (var h = new OneInputStreamOperatorTestHarness<ScorerInput, ScoredWindow>(
                new MicroBatchScorer(bundle.toString(), 5, 60_000, false))) {
            h.open();
            for (int end = WINDOW - 1; end < ROWS; end++) {
                long[] ts = new long[WINDOW];
                double[] values = new double[WINDOW * CHANNELS.size()];
                for (int t = 0; t < WINDOW; t++) {
                    int row = end - WINDOW + 1 + t;
                    ts[t] = timestamps[row];
                    values[2 * t] = a[row];
                    values[2 * t + 1] = b[row];
                }
                h.processElement(new StreamRecord<>(new RawWindow("pump-1", ts, values)));
            }
            h.prepareSnapshotPreBarrier(1L);
            scored = h.extractOutputValues();
        }
        assertThat(scored).hasSize(ROWS - WINDOW + 1);

        WindowScore[] offline;
        try (LoadedModel model = ModelBundle.load(bundle).open()) {
            assertThat(model.manifest().architecture()).isEqualTo(architecture);
            offline = new SeriesScorer(model).scoreRows(timestamps, rows);
        }
        for (int k = 0; k < scored.size(); k++) {
            int row = WINDOW - 1 + k;
            ScoredWindow w = scored.get(k);
            assertThat(w.windowEnd()).isEqualTo(timestamps[row]);
            assertThat(w.score()).as("row %d", row).isPositive()
                    .isCloseTo(offline[row].score(), within(1e-5 * offline[row].score()));
        }
    }
}
