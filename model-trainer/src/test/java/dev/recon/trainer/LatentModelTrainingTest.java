package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.recon.model.arch.AdversarialAutoencoder;
import dev.recon.model.arch.AdversarialAutoencoderSpec;
import dev.recon.model.arch.ConvNetworkSpec;
import dev.recon.model.arch.DenseNetworkSpec;
import dev.recon.model.arch.KlDivergence;
import dev.recon.model.arch.LatentEncoder;
import dev.recon.model.arch.VariationalAutoencoderSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.ScoreSpec;
import dev.recon.model.bundle.TrainingSummary;
import dev.recon.model.bundle.TrainingSummary.EpochMetrics;
import dev.recon.model.scoring.SeriesScorer;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.testing.SyntheticSeries;
import dev.recon.trainer.data.ImageSet;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.offline.ScoredImages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The variational and adversarial autoencoders trained end to end by {@link TimeSeriesTrainer} and
 * {@link ImageTrainer} on tiny data: the loss falls, and the written bundle scores exactly what
 * training computed with the bundle's score function.
 */
class LatentModelTrainingTest {

    @TempDir
    Path tmp;

    private static TimeSeries sine() {
        double[] values = SyntheticSeries.sine(1200, 50, 3);
        double[][] rows = new double[values.length][];
        long[] ts = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            rows[i] = new double[] {values[i]};
            ts[i] = 1_700_000_000_000L + 60_000L * i;
        }
        return new TimeSeries("synthetic", List.of("value"), ts, rows, null);
    }

    private static TrainerConfig tiny(String kind, ObjectiveSettings objective) {
        return TrainerConfig.defaults("sine-" + kind)
                .withWindow(16, 1)
                .withSplit(0.5, 0.25)
                .withArchitecture(List.of(16), 4)
                .withOptimisation(5e-3, 32, 10, 10)
                .withSeed(11)
                .withModel(SeriesModel.latent(kind))
                .withObjective(objective);
    }

    /** The best epoch's training loss is well below the first epoch's. */
    private static void assertLossFalls(TrainingSummary training) {
        assertLossFalls(training, 0);
    }

    /**
     * The best epoch's training loss is at most 70% of the first epoch's, counted above
     * {@code floor}, the smallest loss possible on the data.
     */
    private static void assertLossFalls(TrainingSummary training, double floor) {
        List<EpochMetrics> history = training.history();
        assertThat(history.get(training.bestEpoch() - 1).trainLoss() - floor).as("training loss above " + floor)
                .isLessThan((history.get(0).trainLoss() - floor) * 0.7);
        assertThat(training.validationLoss()).as("validation loss").isLessThan(history.get(0).validationLoss());
    }

    /**
     * The least binary cross-entropy any model can reach on the images with {@code label}: the mean
     * binary entropy of their pixels, reached when every output equals its target.
     */
    private static double binaryEntropy(ImageSet images, int label) {
        double sum = 0;
        long count = 0;
        for (int i = 0; i < images.size(); i++) {
            if (images.labels()[i] != label) {
                continue;
            }
            for (float x : images.scaled(new int[] {i})) {
                sum -= (x > 0 ? x * Math.log(x) : 0) + (x < 1 ? (1 - x) * Math.log(1 - x) : 0);
                count++;
            }
        }
        return sum / count;
    }

    /** Serving scores the validation windows (rows 450..599) exactly as training did. */
    private static void assertServingScoresTheValidationErrors(TimeSeries series, TrainingResult result)
            throws Exception {
        try (LoadedModel model = ModelBundle.load(result.bundle()).open()) {
            WindowScore[] scores = new SeriesScorer(model).scoreRows(series.timestamps(), series.rows());
            for (int k = 0; k < result.validationErrors().length; k += 9) {
                assertThat(scores[450 + 16 - 1 + k].score()).isCloseTo(result.validationErrors()[k], withinPercentage(1e-4));
            }
        }
    }

    @Test
    void aVariationalAutoencoderTrainsOnWindowsAndItsSampledScoreSurvivesTheBundle() throws Exception {
        TimeSeries series = sine();
        TrainingResult result = new TimeSeriesTrainer(
                tiny("vae", ObjectiveSettings.DEFAULT.withBeta(0.5).withScore("recon-samples:6")), TrainingProgress.SILENT)
                .train(series, tmp.resolve("vae"));
        BundleManifest m = ModelBundle.load(result.bundle()).manifest();
        assertThat(m.architecture()).isEqualTo(new VariationalAutoencoderSpec(
                new DenseNetworkSpec(16, List.of(16), "relu", "none"), 4));
        assertThat(m.score()).isEqualTo(ScoreSpec.reconSamples(6, 11));
        assertThat(m.training().loss()).isEqualTo("mse");
        assertThat(m.provenance().config()).containsKey("objective");
        assertLossFalls(m.training());
        assertServingScoresTheValidationErrors(series, result);
    }

    @Test
    void klAnnealingKeepsTheRampOutOfEarlyStoppingAndElboScoresInPerValueUnits() throws Exception {
        TimeSeries series = sine();
        TrainingResult result = new TimeSeriesTrainer(tiny("vae", ObjectiveSettings.DEFAULT.withKlAnnealEpochs(4)
                .withScore("elbo")).withOptimisation(5e-3, 32, 7, 7), TrainingProgress.SILENT)
                .train(series, tmp.resolve("annealed"));
        BundleManifest m = result.manifest();
        assertThat(m.score()).isEqualTo(ScoreSpec.elbo(1.0));
        assertThat(m.training().bestEpoch()).as("best epoch, after 4 annealing epochs").isGreaterThan(4);
        assertServingScoresTheValidationErrors(series, result);
    }

    @Test
    void anAdversarialAutoencoderTrainsOnWindowsSpreadsItsCodesLikeThePriorAndSavesNoDiscriminator()
            throws Exception {
        TimeSeries series = sine();
        TrainerConfig config = tiny("aae", ObjectiveSettings.DEFAULT.withDiscriminatorHidden(List.of(16)))
                .withArchitecture(List.of(16), 2)
                .withOptimisation(5e-3, 32, 40, 40);
        TrainingResult result = new TimeSeriesTrainer(config, TrainingProgress.SILENT).train(series, tmp.resolve("aae"));
        BundleManifest m = ModelBundle.load(result.bundle()).manifest();
        assertThat(m.architecture()).isInstanceOf(AdversarialAutoencoderSpec.class);
        assertThat(m.score()).isEqualTo(ScoreSpec.mse());
        assertLossFalls(m.training());
        assertServingScoresTheValidationErrors(series, result);
        double adversarialKl;
        try (LoadedModel model = ModelBundle.load(result.bundle()).open()) {
            assertThat(model.djlModel().getBlock()).isInstanceOf(AdversarialAutoencoder.class);
            assertThat(model.djlModel().getBlock().getParameters().keys())
                    .allMatch(name -> name.contains("encoder") || name.contains("decoder"));
            adversarialKl = codeKl(model, series);
        }
        // The same autoencoder without the adversarial phases: its codes are wherever they fall.
        TrainingResult plain = new TimeSeriesTrainer(config.withModel(SeriesModel.dense())
                .withObjective(ObjectiveSettings.DEFAULT), TrainingProgress.SILENT).train(series, tmp.resolve("ae"));
        try (LoadedModel model = ModelBundle.load(plain.bundle()).open()) {
            // measured: 0.21 (adversarial) against 1.41 (plain)
            assertThat(adversarialKl).as("KL from N(0, I) of a Gaussian fitted to the codes")
                    .isLessThan(codeKl(model, series) * 0.5);
        }
    }

    /**
     * The KL divergence from {@code N(0, I)} of a diagonal Gaussian fitted to the codes of the
     * training windows (the series' first 450 rows): 0 when the codes spread exactly like the prior.
     */
    private static double codeKl(LoadedModel model, TimeSeries series) {
        LatentEncoder encoder = (LatentEncoder) model.djlModel().getBlock();
        int windows = 450 - 16 + 1;
        float[] data = new float[windows * 16];
        for (int w = 0; w < windows; w++) {
            for (int t = 0; t < 16; t++) {
                model.normalizer().normalize(series.rows()[w + t], data, w * 16 + t);
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] codes = encoder.encode(new ParameterStore(manager, false),
                    manager.create(data, new Shape(windows, 16))).toFloatArray();
            int latent = encoder.latentSize();
            float[] mean = new float[latent];
            float[] logVariance = new float[latent];
            for (int j = 0; j < latent; j++) {
                double sum = 0;
                double squares = 0;
                for (int w = 0; w < windows; w++) {
                    sum += codes[w * latent + j];
                    squares += codes[w * latent + j] * codes[w * latent + j];
                }
                mean[j] = (float) (sum / windows);
                logVariance[j] = (float) Math.log(squares / windows - mean[j] * mean[j]);
            }
            return KlDivergence.of(mean, logVariance, 0, latent);
        }
    }

    @Test
    void bceIsRefusedForZScoredSeriesAndKindSettingsForOtherKinds() {
        TimeSeries series = sine();
        assertThatThrownBy(() -> new TimeSeriesTrainer(tiny("vae", ObjectiveSettings.DEFAULT.withLoss("bce")),
                TrainingProgress.SILENT).train(series, tmp.resolve("bce")))
                .hasMessageContaining("bce needs training data in [0, 1], but the z-scored training windows span");
        assertThatThrownBy(() -> new TimeSeriesTrainer(tiny("aae", ObjectiveSettings.DEFAULT.withScore("elbo")),
                TrainingProgress.SILENT).train(series, tmp.resolve("elbo")))
                .hasMessageContaining("a 'aae' model scores by mse or latent-knn:K");
    }

    @Test
    void aConvVariationalAutoencoderTrainsOnImagesWithBceAndDetects() throws Exception {
        ImageSet images = ImageTrainerTest.bars(400, 1);
        ImageTrainerConfig config = ImageTrainerConfig.builder("bars-vae")
                .optModel("vae")
                .optFilters(List.of(4, 8))
                .optLatentSize(4)
                .optNormalClasses(List.of(0))
                .optOptimisation(1e-2, 16, 12, 12)
                .optSeed(3)
                .optObjective(ObjectiveSettings.DEFAULT.withLoss("bce").withBeta(0.5).withScore("elbo"))
                .build();
        TrainingResult result = new ImageTrainer(config, TrainingProgress.SILENT).train(images, tmp.resolve("cvae"));
        BundleManifest m = result.manifest();
        assertThat(((VariationalAutoencoderSpec) m.architecture()).network()).isInstanceOf(ConvNetworkSpec.class);
        assertThat(m.training().loss()).isEqualTo("bce");
        assertThat(m.score()).isEqualTo(ScoreSpec.elbo(0.5));
        // bce cannot fall below the entropy of the grey levels (about 0.33 here), the KL term only adds
        assertLossFalls(m.training(), binaryEntropy(images, 0));
        assertThat(m.training().detection().auroc()).isGreaterThan(0.9);
        try (LoadedModel model = ModelBundle.load(result.bundle()).open()) {
            double[] scores = ScoredImages.scores(images, model);
            int[] held = new ImageTrainer(config, TrainingProgress.SILENT).split(images).validation();
            for (int k = 0; k < held.length; k += 7) {
                assertThat(scores[held[k]]).isCloseTo(result.validationErrors()[k], withinPercentage(1e-4));
            }
        }
    }

    @Test
    void aDenseAdversarialAutoencoderTrainsOnFlattenedImages() throws Exception {
        ImageSet images = ImageTrainerTest.bars(400, 2);
        ImageTrainerConfig config = ImageTrainerConfig.builder("bars-aae")
                .optModel("aae")
                .optVariant("dense")
                .optHiddenSizes(List.of(32))
                .optLatentSize(4)
                .optNormalClasses(List.of(0))
                .optOptimisation(1e-2, 16, 12, 12)
                .optSeed(3)
                .optObjective(ObjectiveSettings.DEFAULT.withDiscriminatorHidden(List.of(16)))
                .build();
        TrainingResult result = new ImageTrainer(config, TrainingProgress.SILENT).train(images, tmp.resolve("daae"));
        BundleManifest m = result.manifest();
        assertThat(((AdversarialAutoencoderSpec) m.architecture()).network())
                .isEqualTo(new DenseNetworkSpec(64, List.of(32), "relu", "sigmoid"));
        assertLossFalls(m.training());
        assertThat(m.training().detection().auroc()).isGreaterThan(0.8);
    }

    @Test
    void imageSettingsThatDoNotFitTheKindAreRefused() {
        assertThatThrownBy(() -> ImageTrainerConfig.builder("x").optVariant("dense").build())
                .hasMessageContaining("invalid variant: dense (expected conv for conv2d");
        assertThatThrownBy(() -> ImageTrainerConfig.builder("x").optModel("lstm").build())
                .hasMessageContaining("invalid model: lstm (expected one of conv2d, vae, aae, cvae)");
        ImageTrainerConfig conv2dWithBeta = ImageTrainerConfig.builder("x").optNormalClasses(List.of(0))
                .optObjective(ObjectiveSettings.DEFAULT.withBeta(2)).build();
        assertThatThrownBy(() -> new ImageTrainer(conv2dWithBeta, TrainingProgress.SILENT)
                .train(ImageTrainerTest.bars(40, 1), tmp.resolve("x")))
                .hasMessageContaining("not to 'conv2d'");
    }
}
