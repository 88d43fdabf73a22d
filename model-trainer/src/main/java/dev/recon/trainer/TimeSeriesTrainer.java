package dev.recon.trainer;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.recon.model.arch.ArchitectureSpec;
import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.InputSpec;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.NoveltySpec;
import dev.recon.model.bundle.Provenance;
import dev.recon.model.bundle.ScoreSpec;
import dev.recon.model.bundle.TrainingSummary;
import dev.recon.model.bundle.TrainingSummary.EpochMetrics;
import dev.recon.model.threshold.Threshold;
import dev.recon.model.window.GridSeries;
import dev.recon.model.window.ResampleSpec;
import dev.recon.trainer.data.SensorSeries;
import dev.recon.trainer.data.TimeSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Trains an autoencoder ({@link TrainerConfig#model()}: dense, conv1d, lstm, or a vae or aae with a
 * dense network) on the normal (leading) part of a time series and writes a bundle.
 *
 * <p>Steps: split the fitted rows in time order; fit z-score statistics on the training rows only;
 * train with Adam on every window of the training rows (corrupted first when denoising), keeping
 * the parameters of the epoch with the lowest validation loss (early stopping, see
 * {@link FitLoop}); score the validation windows with those parameters and calibrate the threshold
 * on their errors with the configured method; write the bundle with its provenance.
 *
 * <pre>{@code
 * TimeSeries series = TimeSeriesCsv.read(Path.of("machine_temperature.csv"));
 * TrainingResult result = new TimeSeriesTrainer(TrainerConfig.defaults("machine"), TrainingProgress.SILENT)
 *         .train(series, Path.of("models/machine"));
 * }</pre>
 *
 * <p>On CPU, the same data, configuration and seed give the same bundle (the engine must run with
 * one intra-op thread, as every recon JVM does).
 *
 * <p>{@link #withResampling} trains on the series put on a time grid ({@link GridSeries}), as the
 * job's {@code window.mode=time} serves it: rows are then grid points, and no window spans a gap
 * that breaks the grid.
 *
 * <p>{@link #train(List, NormalizationScope, Path)} fits one model on several sensors' series, with
 * shared (pooled) or per-sensor statistics ({@link TrainingWindows}).
 *
 * <p>{@link #withWindowFitted()} (what {@code recon train} does unless {@code --window} is given)
 * shortens the configured window to the longest that the data's training and validation parts hold
 * ({@link WindowFit}), and says so in the progress and in the bundle's provenance
 * ({@code config.windowFit}).
 *
 * <p>Every bundle carries the default alarm for its windows ({@link AlarmSpec#defaults}), with the
 * seasonal periods of {@link #withSeasonalPeriods} (none unless given).
 */
public final class TimeSeriesTrainer {

    private final TrainerConfig config;
    private final TrainingProgress progress;
    /** The grid the series is put on first, or {@code null} to train on the rows as they are. */
    private final ResampleSpec resampling;
    /** Whether the window is shortened to fit the data. */
    private final boolean fitWindow;
    /** How the window was fitted, for the provenance; {@code null} when it was not changed. */
    private final WindowFit windowFit;
    /** The alarm's seasonal periods ({@link AlarmSpec#seasonalPeriods()}). */
    private final List<String> seasonalPeriods;

    /** A trainer with the given settings, reporting to {@code progress}. */
    public TimeSeriesTrainer(TrainerConfig config, TrainingProgress progress) {
        this(config, progress, null, false, null, List.of());
    }

    private TimeSeriesTrainer(TrainerConfig config, TrainingProgress progress, ResampleSpec resampling,
            boolean fitWindow, WindowFit windowFit, List<String> seasonalPeriods) {
        this.config = config;
        this.progress = progress;
        this.resampling = resampling;
        this.fitWindow = fitWindow;
        this.windowFit = windowFit;
        this.seasonalPeriods = seasonalPeriods;
    }

    /** This trainer, resampling the series onto {@code grid} before windowing ({@code null}: no resampling). */
    public TimeSeriesTrainer withResampling(ResampleSpec grid) {
        return new TimeSeriesTrainer(config, progress, grid, fitWindow, windowFit, seasonalPeriods);
    }

    /**
     * This trainer, writing an alarm whose onsets also look {@code periods} back (ISO-8601 durations
     * such as {@code P1D}; empty for none, the default), checked now.
     */
    public TimeSeriesTrainer withSeasonalPeriods(List<String> periods) {
        List<String> checked = periods == null ? List.of() : List.copyOf(periods);
        checked.forEach(period -> AlarmSpec.periodMillis(period, "alarm.seasonalPeriods"));
        return new TimeSeriesTrainer(config, progress, resampling, fitWindow, windowFit, checked);
    }

    /**
     * This trainer, shortening the configured window where the data is too short for it: to the
     * longest window that both the training and the validation part of the shortest series hold
     * ({@link WindowFit}). Not with resampling, whose grid points are counted only while windowing.
     */
    public TimeSeriesTrainer withWindowFitted() {
        return new TimeSeriesTrainer(config, progress, resampling, true, windowFit, seasonalPeriods);
    }

    /** Trains on {@code series} and writes the bundle to {@code out} (a directory or a .zip). */
    public TrainingResult train(TimeSeries series, Path out) throws IOException {
        // The id names the series in messages only: shared statistics are not kept by sensor.
        String id = SensorSeries.idOfFile(series.source());
        return train(List.of(new SensorSeries(id.isBlank() ? "series" : id, series)), NormalizationScope.SHARED, out);
    }

    /**
     * Trains one model on several sensors' series (same channels) and writes the bundle to {@code out}.
     * Each series is split in time order the same way and no window crosses from one to the next (see
     * {@link TrainingWindows}); with {@link NormalizationScope#PER_SENSOR} each is z-scored with its own
     * training rows' statistics, stored in the bundle under its sensor id.
     */
    public TrainingResult train(List<SensorSeries> series, NormalizationScope normalization, Path out)
            throws IOException {
        if (fitWindow && resampling == null) {
            int rows = series.stream().mapToInt(s -> s.series().size()).min().orElse(0);
            WindowFit fit = WindowFit.of(config, rows);
            if (fit.shortened()) {
                progress.started(fit.describe());
                return new TimeSeriesTrainer(config.withWindow(fit.window(), config.stride()), progress, null, false,
                        fit, seasonalPeriods).train(series, normalization, out);
            }
        }
        int window = config.window();
        TrainingWindows data = TrainingWindows.cut(series, window, config.trainFraction(),
                config.validationFraction(), resampling, normalization);
        int channels = series.get(0).series().channels().size();
        int width = window * channels;
        float[] train = data.train();
        float[] validation = data.validation();
        int trainCount = data.trainCount();
        int validationCount = data.validationCount();
        if (trainCount == 0 && resampling != null) {
            throw new IllegalArgumentException("no window of " + window + " grid points fits between the gaps that"
                    + " break the grid in the training rows (" + resampling.describe() + "); allow longer gaps or"
                    + " use a shorter window");
        }
        config.threshold().requireEnoughErrors(validationCount, "validation windows");

        ArchitectureSpec spec = config.architecture(channels);
        ObjectiveSettings objectiveSettings = config.objective();
        objectiveSettings.requireApplicableTo(spec);
        float[] range = FitLoop.range(train);
        objectiveSettings.requireLossFits(range[0], range[1], "z-scored training windows");
        InputSpec input = InputSpec.timeSeries(series.get(0).series().channels(), window, config.stride());
        ScoreSpec score = objectiveSettings.scoreSpec(spec, config.seed());
        FitLoop.Scoring scoring = new FitLoop.Scoring(input, score);
        Engine.getInstance().setRandomSeed((int) config.seed());
        try (Model model = Model.newInstance(config.name())) {
            Block block = spec.newBlock();
            model.setBlock(block);
            FitLoop.Outcome outcome;
            try (TrainingObjective objective = TrainingObjective.of(model, objectiveSettings, config.learningRate())) {
                progress.started(String.format(
                        "training %s%s: %d training and %d validation windows of %d x %d on %s; optimising %s,"
                                + " scoring %s",
                        spec.kind(), config.denoising().enabled() ? " (denoising " + config.denoising() + ")" : "",
                        trainCount, validationCount, window, channels, model.getNDManager().getDevice(),
                        objective.describe(), score));
                outcome = FitLoop.fit(model, objective, train, validation, width,
                        new FitLoop.Settings(config.batchSize(), config.maxEpochs(), config.patience(), config.seed(),
                                config.denoising()),
                        scoring, progress);
            }

            if (score.latent()) {
                // the codes of the windows the model was fitted on; validation windows are scored against them
                scoring = scoring.withReferences(
                        FitLoop.latentReferences(model, train, trainCount, width, config.seed()));
            }
            double[] validationErrors = FitLoop.errors(model, validation, validationCount, scoring);
            Threshold threshold = config.threshold().calibrator()
                    .calibrate(validationErrors, data.describeValidation());
            EpochMetrics best = outcome.best();
            List<EpochMetrics> history = outcome.history();
            TrainingSummary summary = new TrainingSummary("adam", config.learningRate(), config.batchSize(),
                    config.maxEpochs(), history.size(), outcome.bestEpoch(), history.size() < config.maxEpochs(),
                    best.trainLoss(), best.validationLoss(), outcome.seconds(), history)
                    .withLoss(objectiveSettings.loss());
            AlarmSpec alarm = AlarmSpec.defaults(window, config.stride()).withSeasonalPeriods(seasonalPeriods)
                    .withNovelty(novelty(data));
            BundleManifest manifest = new BundleManifest(
                    ModelBundle.FORMAT_VERSION, config.name(), config.version(), Instant.now().toString(), spec,
                    input, data.normalization(), score, threshold, alarm, summary, provenance(data, model), Map.of());
            ModelBundle.save(out, manifest, block, scoring.references());
            return new TrainingResult(out, manifest, validationErrors);
        }
    }

    /**
     * The alarm's novelty, fitted on every series' training part (training and validation rows): one
     * range for all the sensors of a multi-sensor model, per-sensor statistics or not.
     */
    private NoveltySpec novelty(TrainingWindows data) {
        List<double[]> rows = new ArrayList<>();
        int fitRows = Integer.MAX_VALUE;
        for (TrainingWindows.Part part : data.parts()) {
            double[][] all = part.rows().rows();
            rows.addAll(Arrays.asList(all).subList(0, part.split().fitRows()));
            fitRows = Math.min(fitRows, part.split().fitRows());
        }
        return NoveltySpec.fit(rows.toArray(double[][]::new), NoveltySpec.defaultRestWindows(fitRows, config.stride()));
    }

    private Provenance provenance(TrainingWindows windows, Model model) throws IOException {
        Provenance.DataSource data = windows.dataSource();
        Engine engine = Engine.getInstance();
        Map<String, Object> settings = ModelBundle.json().convertValue(config, new TypeReference<>() {});
        if (windows.parts().size() > 1 || windows.scope() != NormalizationScope.SHARED) {
            // How the bundle's statistics were fitted, and on what: normalization.sensors names the sensors.
            settings.put("normalization", windows.scope().configName());
            settings.put("series", windows.seriesProvenance());
        }
        if (windowFit != null) {
            settings.put("windowFit", Map.of("requested", windowFit.requested(), "window", windowFit.window(),
                    "reason", windowFit.describe()));
        }
        if (resampling != null) {
            // The grid the model must be served on: the job's window.step, window.gap-policy, window.max-gap-steps.
            settings.put("resampling", Map.of("stepMs", resampling.stepMs(),
                    "gapPolicy", resampling.gapPolicy().configName(), "maxGapSteps", resampling.maxGapSteps()));
        }
        return new Provenance(data, config.seed(), getClass().getName(), ReconVersion.get(),
                Engine.getDjlVersion(), engine.getEngineName() + " " + engine.getVersion(),
                model.getNDManager().getDevice().toString(), Runtime.version().toString(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                settings);
    }
}
