package dev.recon.bench.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recon.bench.nab.NabFile;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for the baseline detectors: causal, and scoring a spike above normal rows. */
class BaselineDetectorsTest {

    private static NabFile file(double[] values) {
        long[] ts = new long[values.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = 1000L * i;
        }
        return new NabFile("g/f.csv", ts, values, List.of());
    }

    private static double[] sineWithSpike(int n, int spike) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sin(i / 5.0) + (i == spike ? 10 : 0);
        }
        return v;
    }

    @Test
    void rollingZScoreIsTheDistanceFromTheTrailingWindowInStandardDeviations() {
        double[] scores = new RollingZScoreDetector(4).scores(file(new double[] {1, 2, 3, 4, 10, 4}));
        assertThat(Arrays.copyOf(scores, 4)).containsOnly(0.0);
        // window 1,2,3,4: mean 2.5, population std sqrt(1.25)
        assertThat(scores[4]).isCloseTo(7.5 / Math.sqrt(1.25), within(1e-9));
    }

    @Test
    void detectorsAreCausalAndSeeTheSpike() throws Exception {
        double[] values = sineWithSpike(600, 500);
        for (Detector d : List.of(new RollingZScoreDetector(64), new RandomCutForestDetector(4, 30, 128, 1))) {
            double[] full = d.scores(file(values));
            double[] prefix = d.scores(file(Arrays.copyOf(values, 450)));
            for (int i = 0; i < 450; i++) {
                assertThat(prefix[i]).as("%s row %d uses no later row", d.name(), i).isEqualTo(full[i]);
            }
            double normalMax = Arrays.stream(full, 200, 490).max().orElseThrow();
            assertThat(full[500]).as(d.name()).isGreaterThan(normalMax);
        }
    }

    @Test
    void nabPublishedForestIsSilentUntilItsSampleIsFullAndScoresInTheUnitInterval() {
        RandomCutForestDetector nab = RandomCutForestDetector.nabPublished(1);
        assertThat(nab.name()).isEqualTo("Random Cut Forest (shingle 1, 100 trees, sample 256, time decay 100000)");
        double[] scores = nab.scores(file(sineWithSpike(600, 500)));
        // like Kinesis in NAB's results, nothing until 256 rows are in the sample
        assertThat(Arrays.copyOf(scores, 256)).containsOnly(0.0);
        assertThat(Arrays.stream(scores, 256, 600).min().orElseThrow()).isGreaterThan(0);
        assertThat(Arrays.stream(scores, 256, 600).max().orElseThrow()).isLessThanOrEqualTo(1);
        assertThat(scores[500]).isGreaterThan(Arrays.stream(scores, 256, 490).max().orElseThrow());
    }
}
