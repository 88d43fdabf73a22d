package dev.recon.bench.nab;

import dev.recon.bench.detectors.ReconDetector;
import dev.recon.bench.detectors.ReconSeverities;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The recon variants compared on the NAB subset: model window lengths crossed with the score
 * post-processings of {@link ReconDetector.Score}, each scored like every detector in the table
 * (one threshold swept over the whole subset), standard profile. Each window length trains one
 * model per file, shared by its four post-processings.
 */
public final class NabVariants {

    /** Window lengths compared; the other model settings are the trainer's defaults. */
    public static final List<Integer> WINDOWS = List.of(64, 96, 128, 256);

    /** One variant's result. */
    public record Cell(int window, ReconDetector.Score score, NabScorer.Result standard) {}

    private NabVariants() {}

    /** Scores every post-processing of every source on {@code files}. */
    public static List<Cell> run(List<NabFile> files, List<ReconSeverities> sources, PrintStream progress)
            throws Exception {
        List<Cell> cells = new ArrayList<>();
        NabScorer scorer = new NabScorer(NabProfile.STANDARD);
        for (ReconSeverities source : sources) {
            long start = System.nanoTime();
            for (ReconDetector.Score score : ReconDetector.Score.values()) {
                ReconDetector detector = new ReconDetector(source, score);
                List<double[]> scores = new ArrayList<>();
                for (NabFile file : files) {
                    scores.add(detector.scores(file));
                }
                NabScorer.Result result = scorer.score(files, scores);
                cells.add(new Cell(source.window(), score, result));
                progress.printf(Locale.ROOT, "  %-75s standard %6.1f (%d/%d windows, %d FP rows)%n", detector.name(),
                        result.normalizedScore(), result.detectedWindows(), result.windows(), result.falsePositiveRows());
            }
            progress.printf(Locale.ROOT, "  window %d: %.0f s%n", source.window(), (System.nanoTime() - start) / 1e9);
        }
        return cells;
    }

    /** A table with a row per post-processing and a column per window length. */
    public static String markdown(List<Cell> cells) {
        List<Integer> windows = cells.stream().map(Cell::window).distinct().toList();
        StringBuilder b = new StringBuilder("| score \\ window |");
        windows.forEach(w -> b.append(' ').append(w).append(" |"));
        b.append("\n| --- |").append(" ---: |".repeat(windows.size())).append('\n');
        for (ReconDetector.Score score : Arrays.stream(ReconDetector.Score.values())
                .filter(s -> cells.stream().anyMatch(c -> c.score() == s)).toList()) {
            b.append("| ").append(score.label()).append(" |");
            for (int w : windows) {
                b.append(cells.stream().filter(c -> c.window() == w && c.score() == score).findFirst()
                        .map(c -> String.format(Locale.ROOT, " %.1f (%d/%d, %d FP) |", c.standard().normalizedScore(),
                                c.standard().detectedWindows(), c.standard().windows(), c.standard().falsePositiveRows()))
                        .orElse(" |"));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
