package dev.recon.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.cli.produce.AnomalyKind;
import dev.recon.cli.produce.InjectedAnomaly;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link SyntheticNabCorpus}. */
class SyntheticNabCorpusTest {

    @Test
    void oneFilePerSensorWithNabWindowsAroundEveryAnomalyAfterTheProbation() {
        List<NabFile> files = SyntheticNabCorpus.generate(6, 4_000, 2, 2026);
        assertThat(files).hasSize(6);
        assertThat(files).extracting(NabFile::name).allMatch(n -> n.startsWith("synthetic/sensor-000"));
        // every kind in turn: 12 anomalies over 6 kinds
        assertThat(String.join(" ", files.stream().map(NabFile::name).toList()))
                .contains("spike", "level-shift", "drift", "noise-burst", "stuck", "periodicity-change");
        for (NabFile f : files) {
            assertThat(f.values()).hasSize(4_000);
            assertThat(f.timestamps()[1] - f.timestamps()[0]).isEqualTo(SyntheticNabCorpus.INTERVAL_MS);
            assertThat(f.windows()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
            long probationEnd = f.timestamps()[(int) (0.15 * 4_000)];
            long previousEnd = Long.MIN_VALUE;
            for (long[] w : f.windows()) {
                assertThat(w[0]).isGreaterThan(probationEnd).isGreaterThan(previousEnd);
                assertThat(w[1]).isGreaterThan(w[0]);
                previousEnd = w[1];
            }
        }
        // the same seed gives the same corpus
        assertThat(SyntheticNabCorpus.generate(6, 4_000, 2, 2026).get(3).values()).isEqualTo(files.get(3).values());
    }

    @Test
    void windowsAreTenPercentOverTheAnomaliesCentredOnTheirStartAndCloseOnesMerge() {
        long[] ts = new long[1_000];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = i * 10L;
        }
        InjectedAnomaly spike = new InjectedAnomaly("s", AnomalyKind.SPIKE, 300, 300, 3_000, 3_000);
        InjectedAnomaly shift = new InjectedAnomaly("s", AnomalyKind.LEVEL_SHIFT, 700, 739, 7_000, 7_390);
        // 10% of 1,000 rows over 2 anomalies: 50 rows, centred on each start, covering the shift's end
        assertThat(SyntheticNabCorpus.windows(List.of(spike, shift), ts))
                .containsExactly(new long[] {2_750, 3_250}, new long[] {6_750, 7_390});
        InjectedAnomaly near = new InjectedAnomaly("s", AnomalyKind.SPIKE, 320, 320, 3_200, 3_200);
        assertThat(SyntheticNabCorpus.windows(List.of(spike, near), ts)).containsExactly(new long[] {2_750, 3_450});
        assertThat(SyntheticNabCorpus.windows(List.of(), ts)).isEmpty();
    }
}
