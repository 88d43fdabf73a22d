package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.model.arch.AdversarialAutoencoderSpec;
import dev.recon.model.arch.DenseAutoencoderSpec;
import dev.recon.model.arch.DenseNetworkSpec;
import dev.recon.model.arch.NetworkSpec;
import dev.recon.model.arch.VariationalAutoencoderSpec;
import dev.recon.model.bundle.ScoreSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link ObjectiveSettings} and {@link KlAnnealing}. */
class ObjectiveSettingsTest {

    private static final DenseNetworkSpec NETWORK = new DenseNetworkSpec(8, List.of(4), "relu", NetworkSpec.NONE);
    private static final VariationalAutoencoderSpec VAE = new VariationalAutoencoderSpec(NETWORK, 2);
    private static final AdversarialAutoencoderSpec AAE = new AdversarialAutoencoderSpec(NETWORK, 2);
    private static final DenseAutoencoderSpec DENSE = new DenseAutoencoderSpec(8, List.of(4), 2, "relu");

    @Test
    void annealingRampsLinearlyFromZeroToBetaAndSettlesAfterTheRamp() {
        KlAnnealing ramp = new KlAnnealing(2.0, 4);
        assertThat(new double[] {ramp.betaAt(1), ramp.betaAt(2), ramp.betaAt(3), ramp.betaAt(4), ramp.betaAt(5),
                ramp.betaAt(9)}).containsExactly(0.0, 0.5, 1.0, 1.5, 2.0, 2.0);
        assertThat(ramp.settled(4)).isFalse();
        assertThat(ramp.settled(5)).isTrue();
        KlAnnealing none = new KlAnnealing(0.5, 0);
        assertThat(none.betaAt(1)).isEqualTo(0.5);
        assertThat(none.settled(1)).isTrue();
        assertThatThrownBy(() -> ramp.betaAt(0)).hasMessageContaining("epochs count from 1");
        assertThatThrownBy(() -> new KlAnnealing(-1, 0)).hasMessageContaining("invalid beta: -1.0");
    }

    @Test
    void theScoreFunctionDependsOnTheKind() {
        assertThat(ObjectiveSettings.DEFAULT.scoreSpec(VAE, 3)).isEqualTo(new ScoreSpec(ScoreSpec.RECON_MEAN));
        assertThat(ObjectiveSettings.DEFAULT.withScore("recon-samples:5").scoreSpec(VAE, 3))
                .isEqualTo(ScoreSpec.reconSamples(5, 3));
        assertThat(ObjectiveSettings.DEFAULT.withBeta(0.25).withScore("elbo").scoreSpec(VAE, 3))
                .isEqualTo(ScoreSpec.elbo(0.25));
        assertThat(ObjectiveSettings.DEFAULT.scoreSpec(AAE, 3)).isEqualTo(ScoreSpec.mse());
        assertThat(ObjectiveSettings.DEFAULT.scoreSpec(DENSE, 3)).isEqualTo(ScoreSpec.mse());
        assertThatThrownBy(() -> ObjectiveSettings.DEFAULT.withScore("elbo").scoreSpec(DENSE, 3))
                .hasMessageContaining("a 'dense' model scores by mse or latent-knn:K; recon-mean, recon-samples and"
                        + " elbo need a variational model, --model vae");
        // latent-knn and an explicit mse apply to every kind
        assertThat(ObjectiveSettings.DEFAULT.withScore("latent-knn:7").scoreSpec(DENSE, 3))
                .isEqualTo(ScoreSpec.latentKnn(7));
        assertThat(ObjectiveSettings.DEFAULT.withScore("mse").scoreSpec(AAE, 3)).isEqualTo(ScoreSpec.mse());
        ObjectiveSettings.DEFAULT.withScore("latent-knn").requireApplicableTo(DENSE);
        assertThatThrownBy(() -> ObjectiveSettings.DEFAULT.withScore("elbo").requireApplicableTo(DENSE))
                .hasMessageContaining("elbo need a variational model");
    }

    @Test
    void settingsForOtherKindsAndLossesForOtherDataAreRefused() {
        assertThatThrownBy(() -> ObjectiveSettings.DEFAULT.withBeta(4).requireApplicableTo(AAE))
                .hasMessageContaining("beta and kl-anneal-epochs apply to variational models (--model vae),"
                        + " not to 'aae'");
        assertThatThrownBy(() -> ObjectiveSettings.DEFAULT.withDiscriminatorHidden(List.of(8)).requireApplicableTo(VAE))
                .hasMessageContaining("discriminator-hidden applies to adversarial models (--model aae), not to 'vae'");
        ObjectiveSettings.DEFAULT.withBeta(4).withKlAnnealEpochs(2).requireApplicableTo(VAE);
        ObjectiveSettings.DEFAULT.withDiscriminatorHidden(List.of(8)).requireApplicableTo(AAE);

        ObjectiveSettings bce = ObjectiveSettings.DEFAULT.withLoss("BCE");
        assertThat(bce.loss()).isEqualTo("bce");
        bce.requireLossFits(0, 1, "pixels");
        assertThatThrownBy(() -> bce.requireLossFits(-1.7f, 2.3f, "z-scored training windows"))
                .hasMessageContaining("bce needs training data in [0, 1], but the z-scored training windows span"
                        + " [-1.7, 2.3]; use --loss mse");
        ObjectiveSettings.DEFAULT.requireLossFits(-1.7f, 2.3f, "z-scored training windows");
    }

    @Test
    void invalidValuesNameTheSetting() {
        assertThatThrownBy(() -> ObjectiveSettings.DEFAULT.withLoss("l1")).hasMessageContaining("invalid loss: l1");
        assertThatThrownBy(() -> ObjectiveSettings.DEFAULT.withBeta(-0.5)).hasMessageContaining("invalid beta: -0.5");
        assertThatThrownBy(() -> ObjectiveSettings.DEFAULT.withKlAnnealEpochs(-1))
                .hasMessageContaining("invalid kl-anneal-epochs: -1");
        assertThatThrownBy(() -> ObjectiveSettings.DEFAULT.withScore("recon-samples:0"))
                .hasMessageContaining("invalid score").hasMessageContaining("samples in [1, 1000]");
        assertThatThrownBy(() -> ObjectiveSettings.DEFAULT.withDiscriminatorHidden(List.of()))
                .hasMessageContaining("invalid discriminator-hidden: []");
        assertThatThrownBy(() -> TrainerConfig.defaults("x").withOptimisation(1e-3, 8, 3, 2)
                .withObjective(ObjectiveSettings.DEFAULT.withKlAnnealEpochs(3)))
                .hasMessageContaining("invalid kl-anneal-epochs: 3 (expected fewer than epochs (3)");
    }
}
