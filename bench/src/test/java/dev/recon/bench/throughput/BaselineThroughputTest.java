package dev.recon.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link BaselineThroughput}. */
class BaselineThroughputTest {

    @Test
    void measuresEachBaselineOnOneThreadWithTheNabSettings() throws Exception {
        List<ScoringThroughput.Measurement> m = new BaselineThroughput(new ScoringThroughput.Duration(10, 50))
                .measure(2_000);
        assertThat(m).extracting(ScoringThroughput.Measurement::model).containsExactly(
                "baseline: Random Cut Forest (shingle 1, 100 trees, sample 256, time decay 100000)",
                "baseline: rolling z-score (64)");
        assertThat(m).allSatisfy(x -> {
            assertThat(x.input()).isEqualTo(BaselineThroughput.INPUT);
            assertThat(x.threads()).isEqualTo(1);
            assertThat(x.windowsPerSecond()).isPositive().isFinite();
        });
        // a forest of 100 trees costs far more per reading than a running mean and variance
        assertThat(m.get(1).windowsPerSecond()).isGreaterThan(m.get(0).windowsPerSecond());
        assertThatThrownBy(() -> new BaselineThroughput(new ScoringThroughput.Duration(1, 1)).measure(0))
                .hasMessageContaining("readings must be >= 1, got 0");
    }
}
