package dev.recon.bench.detectors;

import dev.recon.bench.nab.NabCorpus;
import dev.recon.bench.nab.NabFile;
import dev.recon.bench.nab.NabScorer;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.trainer.DataSplit;
import dev.recon.trainer.TimeSeriesTrainer;
import dev.recon.trainer.TrainerConfig;
import dev.recon.trainer.TrainingProgress;
import dev.recon.trainer.data.TimeSeries;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * recon as NAB runs a detector: train on the probationary 15% of each file with the default
 * settings, then score every row causally. The score reported is the severity (score over the
 * model's calibrated threshold), so one corpus-wide threshold means the same on every file and 1.0
 * is recon's own alarm threshold.
 *
 * <p>Two scores: the window's severity as the streaming job reports it, and its onset (see
 * {@link #scores}), which is what NAB rewards.
 *
 * <p>One rule instead of per-file tuning: a file too short for the default window gets a window
 * as long as its validation part.
 */
public final class ReconDetector implements Detector {

    private final TrainerConfig template;
    private final Path workDir;
    private final boolean onset;

    /**
     * A detector training with {@code template}'s settings, writing bundles under {@code workDir}.
     *
     * @param onset report the onset score (severity over the recent maximum) instead of the severity
     */
    public ReconDetector(TrainerConfig template, Path workDir, boolean onset) {
        this.template = template;
        this.workDir = workDir;
        this.onset = onset;
    }

    @Override
    public String name() {
        return "recon dense AE, " + (onset ? "onset" : "window score") + " (window " + template.window()
                + ", hidden " + template.hiddenSizes() + ", latent " + template.latentSize() + ")";
    }

    @Override
    public double[] scores(NabFile file) throws Exception {
        TimeSeries series = NabCorpus.asSeries(file);
        int fit = (int) Math.round(series.size() * NabScorer.PROBATION);
        int validation = (int) Math.round(fit * template.validationFraction());
        int window = Math.min(template.window(), validation);
        TrainerConfig config = template.withWindow(window, 1).withSplit(NabScorer.PROBATION,
                template.validationFraction());
        DataSplit.of(series.size(), window, config.trainFraction(), config.validationFraction()); // fail early
        Path bundle = Files.createDirectories(workDir).resolve(file.name().replace('/', '_') + ".bundle");
        new TimeSeriesTrainer(config, TrainingProgress.SILENT).train(series, bundle);
        try (LoadedModel model = ModelBundle.load(bundle).open()) {
            WindowScore[] scores = new SeriesScorer(model).scoreRows(series.timestamps(), series.rows());
            double threshold = model.manifest().threshold().value();
            double[] severity = new double[scores.length];
            for (int i = 0; i < scores.length; i++) {
                // a threshold of 0 (a constant training signal) makes any error infinitely severe
                severity[i] = scores[i] == null ? 0 : scores[i].score() / Math.max(threshold, Double.MIN_NORMAL);
            }
            if (onset) {
                // Score only what is new: the severity over the highest severity of the window before it
                // (at least 1, the threshold). A spike then scores once, where it starts, not once per
                // window that still contains it: NAB charges every such echo as a false positive.
                double[] novelty = new double[severity.length];
                for (int i = 0; i < severity.length; i++) {
                    double recent = 1;
                    for (int j = Math.max(0, i - window); j < i; j++) {
                        recent = Math.max(recent, severity[j]);
                    }
                    novelty[i] = severity[i] / recent;
                }
                return novelty;
            }
            return severity;
        }
    }
}
