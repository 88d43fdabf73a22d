package dev.recon.bench.detectors;

import dev.recon.bench.nab.NabFile;
import dev.recon.model.scoring.AnomalyLikelihood;
import dev.recon.model.scoring.OnsetLikelihood;
import dev.recon.model.scoring.SeverityOnset;

/**
 * recon as NAB runs a detector: the severities of {@link ReconSeverities} (a model per file
 * trained on its first 15%, each row's window scored over the model's calibrated threshold), turned
 * into one score per row by one of the {@link Score} post-processings. Rows before the model has
 * finished training score 0 (see {@link ReconSeverities}).
 */
public final class ReconDetector implements Detector {

    /** What a row's score is. */
    public enum Score {
        /** The severity, as the streaming job reports it today. */
        WINDOW("window score"),
        /** The severity over the highest of the previous window's severities and 1 ({@link SeverityOnset}). */
        ONSET("onset"),
        /**
         * The anomaly likelihood of the severity as the paper runs it ({@link AnomalyLikelihood} with
         * its defaults: the mean of the last 10 severities), on its log scale.
         */
        LIKELIHOOD("likelihood"),
        /** The onset times the likelihood of the same severity ({@link OnsetLikelihood}). */
        ONSET_LIKELIHOOD("onset × likelihood");

        private final String label;

        Score(String label) {
            this.label = label;
        }

        /** Name in reports. */
        public String label() {
            return label;
        }
    }

    private final ReconSeverities severities;
    private final Score score;

    /** A detector post-processing {@code severities} into {@code score}. */
    public ReconDetector(ReconSeverities severities, Score score) {
        this.severities = severities;
        this.score = score;
    }

    @Override
    public String name() {
        return "recon dense AE, " + score.label() + " (" + severities.describe() + ")";
    }

    @Override
    public double[] scores(NabFile file) throws Exception {
        ReconSeverities.Run run = severities.of(file);
        double[] severity = run.severity();
        double[] scores = new double[severity.length];
        // the onset looks back over the windows that share a reading: the window length at stride 1
        SeverityOnset onset = new SeverityOnset(run.window());
        AnomalyLikelihood likelihood = new AnomalyLikelihood(AnomalyLikelihood.Settings.DEFAULT);
        OnsetLikelihood onsetLikelihood = new OnsetLikelihood(run.window());
        for (int i = run.firstScored(); i < severity.length; i++) {
            double s = severity[i];
            double value = switch (score) {
                case WINDOW -> s;
                case ONSET -> onset.update(s);
                case LIKELIHOOD -> {
                    likelihood.update(s);
                    yield likelihood.logLikelihood();
                }
                case ONSET_LIKELIHOOD -> onsetLikelihood.update(s);
            };
            scores[i] = i < run.firstEmitted() ? 0 : value;
        }
        return scores;
    }
}
