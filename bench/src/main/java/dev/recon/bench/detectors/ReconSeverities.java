package dev.recon.bench.detectors;

import dev.recon.bench.nab.NabCorpus;
import dev.recon.bench.nab.NabFile;
import dev.recon.bench.nab.NabScorer;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.OnsetLikelihood;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.trainer.DataSplit;
import dev.recon.trainer.TimeSeriesTrainer;
import dev.recon.trainer.TrainerConfig;
import dev.recon.trainer.TrainingProgress;
import dev.recon.trainer.data.TimeSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * recon's severities on NAB files as the streaming job would produce them: one model per file,
 * trained with the template's settings on the file's first 15%, then every row scored causally;
 * the severity is the window's score over the model's calibrated threshold. Each file is trained
 * once and remembered, so detectors that only post-process the severities share the models.
 *
 * <p>Causality: the model exists once its training rows have passed, so a detector may emit
 * scores only from {@link Run#firstEmitted()} on. NAB's probationary period is 15% of a file but
 * at most 750 rows, so on the five files longer than 5,000 rows the rows between are scored by
 * NAB while the model is still in training: the detectors stay silent there (score 0) instead of
 * scoring rows the model has learned. Post-processing may start earlier, on the validation part,
 * whose windows the model has not trained on (what a job would replay when a model is deployed).
 *
 * <p>One rule instead of per-file tuning: a file too short for the template's window gets a
 * window as long as its validation part.
 */
public final class ReconSeverities {

    /**
     * The severities of one file.
     *
     * @param severity per row; NaN where the row's window touches the training part
     * @param window the model's window length on this file
     * @param firstScored the first row with a severity (its window lies in the validation part)
     * @param firstEmitted the first row after the model's training and validation rows
     * @param seconds time to train the model and score the file
     */
    public record Run(double[] severity, int window, int firstScored, int firstEmitted, double seconds) {}

    private final TrainerConfig template;
    private final Path workDir;
    private final Map<String, Run> runs = new HashMap<>();

    /** Severities of models trained with {@code template}'s settings, bundles written under {@code workDir}. */
    public ReconSeverities(TrainerConfig template, Path workDir) {
        this.template = template;
        this.workDir = workDir;
    }

    /** The model settings, for names in reports. */
    public String describe() {
        String score = template.objective().score();
        return "window " + template.window() + ", hidden " + template.hiddenSizes() + ", latent " + template.latentSize()
                + (score == null ? "" : ", score " + score);
    }

    /** The template's window length. */
    public int window() {
        return template.window();
    }

    /** The severities of {@code file}, training its model on first use. */
    public Run of(NabFile file) throws Exception {
        Run run = runs.get(file.name());
        if (run == null) {
            run = train(file);
            runs.put(file.name(), run);
        }
        return run;
    }

    private Run train(NabFile file) throws Exception {
        long start = System.nanoTime();
        TimeSeries series = NabCorpus.asSeries(file);
        int fit = (int) Math.round(series.size() * NabScorer.PROBATION);
        int validation = (int) Math.round(fit * template.validationFraction());
        int window = Math.min(template.window(), validation);
        TrainerConfig config = template.withWindow(window, 1).withSplit(NabScorer.PROBATION,
                template.validationFraction());
        DataSplit split = DataSplit.of(series.size(), window, config.trainFraction(), config.validationFraction());
        Path bundle = Files.createDirectories(workDir).resolve(file.name().replace('/', '_') + ".bundle");
        new TimeSeriesTrainer(config, TrainingProgress.SILENT).train(series, bundle);
        double[] severity = new double[series.size()];
        Arrays.fill(severity, Double.NaN);
        int firstScored = split.trainRows() + window - 1;
        try (LoadedModel model = ModelBundle.load(bundle).open()) {
            WindowScore[] scores = new SeriesScorer(model).scoreRows(series.timestamps(), series.rows());
            // the job's severities (a threshold of 0, from a constant training signal, gives huge finite ones)
            double threshold = model.manifest().threshold().value();
            for (int i = firstScored; i < scores.length; i++) {
                severity[i] = OnsetLikelihood.severity(scores[i].score(), threshold);
            }
        }
        return new Run(severity, window, firstScored, split.fitRows(), (System.nanoTime() - start) / 1e9);
    }
}
