package dev.recon.bench.detectors;

import dev.recon.bench.nab.NabCorpus;
import dev.recon.bench.nab.NabFile;
import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.trainer.TimeSeriesTrainer;
import dev.recon.trainer.TrainerConfig;
import dev.recon.trainer.TrainingProgress;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.offline.ScoredSeriesCsv;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * recon as a user runs it with every default: {@code recon train --data FILE} (the trainer's
 * defaults, the window fitted to the file) and then the {@code anomaly_score} column that
 * {@code recon score} writes ({@link ScoredSeriesCsv}, the same class as the job's alarm). Its own
 * alarm level is the bundle's ({@link AlarmSpec#DEFAULT_LEVEL}).
 *
 * <p>Causality: the model exists once its training rows (the first 15%) have passed, so their rows
 * score 0 here; NAB scores some of them on files longer than 5,000 rows (its probation is at most
 * 750 rows), where {@code recon score} would report the model's scores of its own training windows.
 */
public final class ReconDefaultsDetector implements Detector {

    private final TrainerConfig config;
    private final Path workDir;
    private final List<String> seasonalPeriods;

    /** The defaults with {@code seed}, bundles and score files written under {@code workDir}. */
    public ReconDefaultsDetector(long seed, Path workDir) {
        this(seed, workDir, List.of());
    }

    /** The defaults with {@code seed} and {@code recon train --seasonal-periods} (empty: the default, none). */
    public ReconDefaultsDetector(long seed, Path workDir, List<String> seasonalPeriods) {
        this.config = TrainerConfig.defaults("nab").withSeed(seed);
        this.workDir = workDir;
        this.seasonalPeriods = List.copyOf(seasonalPeriods);
    }

    @Override
    public String name() {
        String base = seasonalPeriods.isEmpty() ? "recon defaults" : "recon defaults + --seasonal-periods "
                + String.join(",", seasonalPeriods);
        return base + " (recon train + recon score's anomaly_score; dense AE, window " + config.window()
                + " fitted to the file, seed " + config.seed() + ")";
    }

    /** The level {@code is_anomaly} is set at. */
    public double ownLevel() {
        return AlarmSpec.DEFAULT_LEVEL;
    }

    @Override
    public double[] scores(NabFile file) throws Exception {
        TimeSeries series = NabCorpus.asSeries(file);
        String stem = file.name().replace('/', '_');
        Path bundle = Files.createDirectories(workDir).resolve(stem + ".bundle");
        new TimeSeriesTrainer(config, TrainingProgress.SILENT).withWindowFitted().withSeasonalPeriods(seasonalPeriods)
                .train(series, bundle);
        Path scored = workDir.resolve(stem + ".scores.csv");
        try (LoadedModel model = ModelBundle.load(bundle).open()) {
            ScoredSeriesCsv.write(series, model, scored);
        }
        double[] scores = column(scored, "anomaly_score", series.size());
        Arrays.fill(scores, 0, (int) Math.round(series.size() * config.trainFraction()), 0);
        return scores;
    }

    /** The named column of a CSV that {@code recon score} wrote. */
    static double[] column(Path csv, String name, int rows) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<String> header = Arrays.asList(in.readLine().split(","));
            int at = header.indexOf(name);
            if (at < 0) {
                throw new IOException(csv + " has no column " + name + " (columns: " + header + ")");
            }
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = Double.parseDouble(in.readLine().split(",")[at]);
            }
            return values;
        }
    }
}
