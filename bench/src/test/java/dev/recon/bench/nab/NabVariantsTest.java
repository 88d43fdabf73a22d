package dev.recon.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.bench.detectors.ReconDetector.Score;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link NabVariants}' table. */
class NabVariantsTest {

    private static NabVariants.Cell cell(int window, Score score, double normalized, int detected, int fpRows) {
        return new NabVariants.Cell(window, score, new NabScorer.Result(1.2, 0, normalized, 25, detected, fpRows));
    }

    @Test
    void putsAPostProcessingPerRowAndAWindowPerColumn() {
        String table = NabVariants.markdown(List.of(
                cell(64, Score.ONSET, 32.84, 17, 128), cell(64, Score.ONSET_LIKELIHOOD, 41.9, 16, 69),
                cell(256, Score.ONSET, 48.3, 20, 116), cell(256, Score.ONSET_LIKELIHOOD, 55.46, 20, 75)));
        assertThat(table).isEqualTo("""
                | score \\ window | 64 | 256 |
                | --- | ---: | ---: |
                | onset | 32.8 (17/25, 128 FP) | 48.3 (20/25, 116 FP) |
                | onset × likelihood | 41.9 (16/25, 69 FP) | 55.5 (20/25, 75 FP) |
                """);
    }
}
