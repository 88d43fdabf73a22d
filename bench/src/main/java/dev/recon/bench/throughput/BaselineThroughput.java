package dev.recon.bench.throughput;

import dev.recon.bench.detectors.Detector;
import dev.recon.bench.detectors.RandomCutForestDetector;
import dev.recon.bench.detectors.RollingZScoreDetector;
import dev.recon.bench.nab.NabFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Readings per second of the baseline detectors of the NAB table on one stream, on one thread: each
 * scores every reading (as recon's stride-1 windows do), with the settings the NAB table uses.
 */
public final class BaselineThroughput {

    /** The input column of the baselines' rows: one value per reading. */
    public static final String INPUT = "stream x 1";

    private final TimedLoop timing;

    /** Measures each detector for {@code timing}. */
    public BaselineThroughput(ScoringThroughput.Duration timing) {
        this.timing = new TimedLoop(timing);
    }

    /** The detectors measured, as the NAB benchmark configures them. */
    public static List<Detector> detectors() {
        return List.of(RandomCutForestDetector.nabPublished(7), new RollingZScoreDetector(64));
    }

    /** Readings per second of each detector over a stream of {@code readings} (a noisy sine), scored whole per step. */
    public List<ScoringThroughput.Measurement> measure(int readings) throws Exception {
        if (readings < 1) {
            throw new IllegalArgumentException("readings must be >= 1, got " + readings);
        }
        NabFile stream = stream(readings);
        List<ScoringThroughput.Measurement> out = new ArrayList<>();
        for (Detector detector : detectors()) {
            double rate = timing.windowsPerSecond(() -> {
                double[] scores = detector.scores(stream);
                return new long[] {scores.length, Double.doubleToLongBits(scores[scores.length - 1])};
            });
            out.add(new ScoringThroughput.Measurement("baseline: " + detector.name(), INPUT,
                    detector instanceof RandomCutForestDetector ? "randomcutforest-java" : "plain Java", 1, 1, rate));
        }
        return out;
    }

    private static NabFile stream(int readings) {
        Random random = new Random(11);
        long[] timestamps = new long[readings];
        double[] values = new double[readings];
        for (int i = 0; i < readings; i++) {
            timestamps[i] = 1_700_000_000_000L + 1000L * i;
            values[i] = 50 + 10 * Math.sin(i / 60.0) + random.nextGaussian();
        }
        return new NabFile("synthetic", timestamps, values, List.of());
    }
}
