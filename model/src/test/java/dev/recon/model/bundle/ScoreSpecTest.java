package dev.recon.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Tests for {@link ScoreSpec}. */
class ScoreSpecTest {

    private static final ObjectMapper JSON = ModelBundle.json();

    @Test
    void theOldFormStillReadsAndMseIsStillWrittenThatWay() throws Exception {
        ScoreSpec old = JSON.readValue("{\"function\": \"mse\"}", ScoreSpec.class);
        assertThat(old).isEqualTo(new ScoreSpec(ScoreSpec.MSE)).isEqualTo(ScoreSpec.mse());
        assertThat(old.samples()).isNull();
        assertThat(old.variational()).isFalse();
        assertThat(JSON.writeValueAsString(ScoreSpec.mse()).replaceAll("\\s", "")).isEqualTo("{\"function\":\"mse\"}");
    }

    @Test
    void newFunctionsRoundTripWithExactlyTheirParameters() throws Exception {
        ScoreSpec samples = ScoreSpec.reconSamples(16, 42);
        String json = JSON.writeValueAsString(samples).replaceAll("\\s", "");
        assertThat(json).isEqualTo("{\"function\":\"recon-samples\",\"samples\":16,\"seed\":42}");
        assertThat(JSON.readValue(json, ScoreSpec.class)).isEqualTo(samples);
        ScoreSpec elbo = ScoreSpec.elbo(0.5);
        assertThat(JSON.writeValueAsString(elbo).replaceAll("\\s", "")).isEqualTo("{\"function\":\"elbo\",\"beta\":0.5}");
        assertThat(JSON.readValue(JSON.writeValueAsString(elbo), ScoreSpec.class)).isEqualTo(elbo);
        assertThat(samples.variational()).isTrue();
        assertThat(elbo.variational()).isTrue();
        assertThat(new ScoreSpec(ScoreSpec.RECON_MEAN).variational()).isFalse();
    }

    @Test
    void parsesTheCommandLineForm() {
        assertThat(ScoreSpec.parse("recon-samples:25", 1, 7)).isEqualTo(ScoreSpec.reconSamples(25, 7));
        assertThat(ScoreSpec.parse("recon-samples", 1, 7)).isEqualTo(ScoreSpec.reconSamples(ScoreSpec.DEFAULT_SAMPLES, 7));
        assertThat(ScoreSpec.parse("ELBO", 0.25, 7)).isEqualTo(ScoreSpec.elbo(0.25));
        assertThat(ScoreSpec.parse(" recon-mean ", 1, 7)).isEqualTo(new ScoreSpec(ScoreSpec.RECON_MEAN));
        assertThatThrownBy(() -> ScoreSpec.parse("recon-samples:0", 1, 7))
                .hasMessageContaining("invalid score").hasMessageContaining("samples in [1, 1000], got 0");
        assertThatThrownBy(() -> ScoreSpec.parse("recon-samples:ten", 1, 7))
                .hasMessageContaining("is not an integer");
        assertThatThrownBy(() -> ScoreSpec.parse("elbo:3", 1, 7))
                .hasMessageContaining("only recon-samples and latent-knn take a value");
        assertThatThrownBy(() -> ScoreSpec.parse("kl", 1, 7)).hasMessageContaining(
                "invalid score: 'kl' (expected mse, recon-mean, recon-samples:L, elbo or latent-knn:K)");
        assertThat(ScoreSpec.parse("latent-knn", 1, 7)).isEqualTo(ScoreSpec.latentKnn(ScoreSpec.DEFAULT_NEIGHBOURS));
        assertThat(ScoreSpec.parse("latent-knn:5", 1, 7).toString()).isEqualTo("latent-knn:5");
        assertThat(ScoreSpec.latentKnn(5).latent()).isTrue();
        assertThatThrownBy(() -> ScoreSpec.parse("latent-knn:0", 1, 7))
                .hasMessageContaining("latent-knn needs neighbours in [1, 1000], got 0");
        assertThatThrownBy(() -> new ScoreSpec("mse", null, null, null, 3))
                .hasMessageContaining("score function mse takes no neighbours");
        assertThatThrownBy(() -> ScoreSpec.parse("elbo", -1, 7)).hasMessageContaining("elbo needs beta >= 0, got -1.0");
    }

    @Test
    void manifestsWithMissingOrStrayParametersAreRejected() {
        assertThatThrownBy(() -> JSON.readValue("{\"function\": \"elbo\"}", ScoreSpec.class))
                .hasMessageContaining("elbo needs beta >= 0, got null");
        assertThatThrownBy(() -> JSON.readValue("{\"function\": \"recon-samples\", \"samples\": 4}", ScoreSpec.class))
                .hasMessageContaining("recon-samples needs a seed");
        assertThatThrownBy(() -> JSON.readValue("{\"function\": \"mse\", \"beta\": 1}", ScoreSpec.class))
                .hasMessageContaining("mse takes no beta");
        assertThatThrownBy(() -> JSON.readValue("{\"function\": \"mae\"}", ScoreSpec.class))
                .hasMessageContaining("score function must be one of mse, recon-mean, recon-samples, elbo, latent-knn; got 'mae'");
    }
}
