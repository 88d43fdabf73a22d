package dev.recon.bench.nab;

import dev.recon.bench.detectors.Detector;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs detectors over a NAB corpus and scores each under every profile. */
public final class NabBenchmark {

    /** NAB's three profiles, in report order. */
    public static final List<NabProfile> PROFILES =
            List.of(NabProfile.STANDARD, NabProfile.REWARD_LOW_FP, NabProfile.REWARD_LOW_FN);

    /**
     * One detector's results.
     *
     * @param byProfile the best-threshold result per profile, one threshold for the whole corpus
     * @param ownThreshold the standard-profile result at the detector's own threshold, if it has one
     * @param perFileMean the mean over files of each file's standard score at that file's best threshold
     *     (an upper bound no single threshold reaches)
     * @param seconds time to score the corpus (training included)
     */
    public record Outcome(String detector, Map<String, NabScorer.Result> byProfile, NabScorer.Result ownThreshold,
            double perFileMean, double seconds) {}

    private final List<NabFile> files;
    private final PrintStream progress;

    /** A benchmark over {@code files}, reporting each file as it is scored. */
    public NabBenchmark(List<NabFile> files, PrintStream progress) {
        this.files = files;
        this.progress = progress;
    }

    /**
     * Scores one detector.
     *
     * @param ownThreshold the detector's own alarm threshold on its scores, or NaN for none
     */
    public Outcome run(Detector detector, double ownThreshold) throws Exception {
        long start = System.nanoTime();
        List<double[]> scores = new ArrayList<>();
        double perFileSum = 0;
        int perFileCount = 0;
        for (NabFile file : files) {
            long t = System.nanoTime();
            double[] fileScores = detector.scores(file);
            scores.add(fileScores);
            NabScorer.Result alone = new NabScorer(NabProfile.STANDARD).score(List.of(file), List.of(fileScores));
            if (alone.windows() > 0) {
                perFileSum += alone.normalizedScore();
                perFileCount++;
            }
            progress.printf("  %-28s %-58s %5.1f s  on its own: %6.1f (%d/%d windows, %d FP rows)%n",
                    detector.name().split(" \\(")[0], file.name(), (System.nanoTime() - t) / 1e9,
                    alone.normalizedScore(), alone.detectedWindows(), alone.windows(), alone.falsePositiveRows());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, NabScorer.Result> byProfile = new LinkedHashMap<>();
        for (NabProfile profile : PROFILES) {
            byProfile.put(profile.name(), new NabScorer(profile).score(files, scores));
        }
        NabScorer.Result own = Double.isNaN(ownThreshold) ? null
                : new NabScorer(NabProfile.STANDARD).scoreAt(files, scores, ownThreshold);
        return new Outcome(detector.name(), byProfile, own, perFileCount == 0 ? 0 : perFileSum / perFileCount, seconds);
    }
}
