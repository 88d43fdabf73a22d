package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.model.arch.ConditionalVariationalAutoencoderSpec;
import dev.recon.model.arch.Conditions;
import dev.recon.model.arch.ConvNetworkSpec;
import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.TrainingSummary.EpochMetrics;
import dev.recon.model.threshold.DetectionMetrics;
import dev.recon.trainer.data.ImageSet;
import dev.recon.trainer.offline.ScoredImages;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for training a conditional VAE ({@code cvae}) with {@link ImageTrainer} on the tiny bars of
 * {@link ImageTrainerTest#bars}: horizontal bars are class 0, vertical ones class 1.
 */
class ConditionalVaeTrainingTest {

    @TempDir
    Path tmp;

    private static ImageTrainerConfig.Builder tiny() {
        return ImageTrainerConfig.builder("bars-cvae")
                .optModel("cvae")
                .optVariant("dense")
                .optHiddenSizes(List.of(32))
                .optLatentSize(2)
                .optObjective(ObjectiveSettings.DEFAULT.withLoss("bce"))
                .optOptimisation(1e-2, 16, 15, 15)
                .optSeed(3);
    }

    @Test
    void learnsEachLabelsLooksSoThatAWrongLabelScoresHigherAndRoundTrips() throws Exception {
        ImageSet images = ImageTrainerTest.bars(400, 1);
        TrainingResult result = new ImageTrainer(tiny().build(), TrainingProgress.SILENT).train(images, tmp.resolve("m"));
        BundleManifest m = result.manifest();
        assertThat(m.architecture()).isInstanceOf(ConditionalVariationalAutoencoderSpec.class);
        var spec = (ConditionalVariationalAutoencoderSpec) m.architecture();
        assertThat(spec.conditioning()).isEqualTo(new Conditions(2, List.of("0", "1")));
        assertThat(m.score().function()).isEqualTo("recon-mean");
        List<EpochMetrics> history = m.training().history();
        assertThat(history.get(m.training().bestEpoch() - 1).trainLoss())
                .as("the loss falls").isLessThan(history.get(0).trainLoss() * 0.7);

        // relabelling: the 80 held-out images with their own label against the same ones with the other label
        DetectionMetrics d = m.training().detection();
        assertThat(d.normal()).isEqualTo(80);
        assertThat(d.anomalous()).isEqualTo(80);
        assertThat(d.normalClasses()).containsExactly(0, 1);
        assertThat(d.evaluatedOn()).startsWith("relabelling");
        assertThat(d.auroc()).as("AUROC of a wrong label").isGreaterThan(0.9);

        try (LoadedModel model = ModelBundle.load(tmp.resolve("m")).open()) {
            // the loaded bundle gives exactly the validation errors the threshold was calibrated on
            int[] held = new ImageTrainer(tiny().build(), TrainingProgress.SILENT).split(images).validation();
            double[] scores = ScoredImages.scores(images, model);
            double[] heldScores = Arrays.stream(held).mapToDouble(i -> scores[i]).toArray();
            assertThat(heldScores).containsExactly(result.validationErrors());

            // every image with the other label reconstructs worse than with its own, on average by far
            int[] flipped = images.labels().clone();
            for (int i = 0; i < flipped.length; i++) {
                flipped[i] = 1 - flipped[i];
            }
            double[] wrong = ScoredImages.scores(images.withLabels(flipped), model);
            double right = Arrays.stream(scores).average().orElseThrow();
            assertThat(Arrays.stream(wrong).average().orElseThrow()).isGreaterThan(3 * right);
            assertThat(ScoredImages.evaluateRelabelled(images, model, 5).auroc()).isGreaterThan(0.9);
        }
    }

    @Test
    void theConvVariantFeedsTheConditionAsChannelsAndHoldsOutOtherClasses() throws Exception {
        ImageSet bars = ImageTrainerTest.bars(160, 2);
        // a third class, a bright frame, that the model is not conditioned on
        int[] labels = bars.labels().clone();
        byte[] pixels = bars.pixels().clone();
        for (int i = 0; i < labels.length; i += 8) {
            labels[i] = 2;
            for (int p = 0; p < 64; p++) {
                boolean edge = p / 8 == 0 || p / 8 == 7 || p % 8 == 0 || p % 8 == 7;
                pixels[i * 64 + p] = (byte) (edge ? 230 : 10);
            }
        }
        ImageSet images = new ImageSet("bars-and-frames", 1, 8, 8, pixels, labels);
        TrainingResult result = new ImageTrainer(tiny().optVariant("conv").optFilters(List.of(4, 8))
                .optNormalClasses(List.of(0, 1)).optOptimisation(1e-2, 16, 3, 3).build(), TrainingProgress.SILENT)
                .train(images, tmp.resolve("conv"));
        var spec = (ConditionalVariationalAutoencoderSpec) result.manifest().architecture();
        assertThat(spec.network()).isInstanceOf(ConvNetworkSpec.class);
        assertThat(spec.conditions()).isEqualTo(2);
        DetectionMetrics d = result.manifest().training().detection();
        int normal = 160 - 20; // every 8th image is a frame
        assertThat(d.normal()).isEqualTo(Math.round(normal * 0.2f));
        assertThat(d.anomalous()).as("the held-out images relabelled, and every frame").isEqualTo(d.normal() + 20);
        assertThat(d.evaluatedOn()).contains("20 images of other classes with a label among the conditions");
        try (LoadedModel model = ModelBundle.load(tmp.resolve("conv")).open()) {
            assertThatThrownBy(() -> ScoredImages.scores(images, model))
                    .hasMessageContaining("image 0 of bars-and-frames has label 2, which is not a condition of model"
                            + " 'bars-cvae' (its conditions are [0, 1])");
            assertThatThrownBy(() -> ScoredImages.evaluate(images, model, List.of(0)))
                    .hasMessageContaining("evaluated by relabelling");
            assertThat(ScoredImages.evaluateRelabelled(images, model, 1).anomalous()).isEqualTo(160);
        }
    }

    @Test
    void aCvaeNeedsLabelsOfAtLeastTwoClasses() {
        ImageSet images = ImageTrainerTest.bars(40, 3);
        ImageSet unlabelled = new ImageSet("plain", 1, 8, 8, images.pixels(), null);
        assertThatThrownBy(() -> new ImageTrainer(tiny().build(), TrainingProgress.SILENT)
                .train(unlabelled, tmp.resolve("x")))
                .hasMessageContaining("a cvae is conditioned on each image's label, but the images from plain have none");
        assertThatThrownBy(() -> new ImageTrainer(tiny().optNormalClasses(List.of(0)).build(), TrainingProgress.SILENT)
                .train(images, tmp.resolve("y")))
                .hasMessageContaining("at least 2 classes to condition on, got [0] as normal classes");
        assertThatThrownBy(() -> tiny().build().architecture(1, 8, 8))
                .hasMessageContaining("a cvae needs its conditions");
    }
}
