package dev.recon.model.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import dev.recon.model.bundle.ModelBundle;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link VariationalAutoencoder}, {@link VariationalAutoencoderSpec} and {@link KlDivergence}. */
class VariationalAutoencoderTest {

    static final DenseNetworkSpec DENSE = new DenseNetworkSpec(12, List.of(8), "relu", NetworkSpec.NONE);
    static final ConvNetworkSpec CONV =
            new ConvNetworkSpec(1, 8, 8, List.of(4, 8), ConvAutoencoderSpec.TRANSPOSED, "relu", NetworkSpec.SIGMOID);

    @Test
    void denseInferenceReconstructsTheMeanCode() {
        VariationalAutoencoder vae = new VariationalAutoencoder(new VariationalAutoencoderSpec(DENSE, 3));
        Engine.getInstance().setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            vae.initialize(manager, DataType.FLOAT32, new Shape(4, 12));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(4, 12));
            NDList out = vae.forward(store, new NDList(x), false);
            assertThat(out.getShapes()).containsExactly(new Shape(4, 12), new Shape(4, 3), new Shape(4, 3));
            assertThat(vae.getOutputShapes(new Shape[] {new Shape(4, 12)})).isEqualTo(out.getShapes());
            NDArray mean = out.get(VariationalAutoencoder.MEAN);
            assertThat(mean.toFloatArray()).containsExactly(vae.encode(store, x).toFloatArray());
            assertThat(out.get(0).toFloatArray()).containsExactly(vae.decode(store, mean).toFloatArray());
            // inference is deterministic: no sampling
            assertThat(vae.forward(store, new NDList(x), false).get(0).toFloatArray())
                    .containsExactly(out.get(0).toFloatArray());
        }
    }

    @Test
    void trainingSamplesTheCodeAndConvTrainingAlsoReturnsLogits() {
        VariationalAutoencoder vae = new VariationalAutoencoder(new VariationalAutoencoderSpec(CONV, 5));
        Engine.getInstance().setRandomSeed(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            vae.initialize(manager, DataType.FLOAT32, new Shape(3, 64));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.randomUniform(0, 1, new Shape(3, 64));
            NDList inference = vae.forward(store, new NDList(x), false);
            assertThat(inference).hasSize(3);
            assertThat(Logits.of(inference)).isNull();
            for (float v : inference.get(0).toFloatArray()) {
                assertThat(v).isBetween(0f, 1f);
            }
            NDList training = vae.forward(store, new NDList(x), true);
            assertThat(training).hasSize(4);
            NDArray logits = Logits.of(training);
            assertThat(logits.getShape()).isEqualTo(new Shape(3, 64));
            assertThat(Activation.sigmoid(logits).toFloatArray()).containsExactly(training.get(0).toFloatArray());
            // the sampled code differs from the mean, so does its reconstruction
            assertThat(training.get(0).toFloatArray()).isNotEqualTo(inference.get(0).toFloatArray());
            assertThat(training.get(VariationalAutoencoder.MEAN).toFloatArray())
                    .containsExactly(inference.get(VariationalAutoencoder.MEAN).toFloatArray());
        }
    }

    @Test
    void klOfAStandardNormalCodeIsZeroAndGrowsWhenTheCodeMoves() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray zero = manager.zeros(new Shape(2, 4));
            assertThat(KlDivergence.perExample(zero, zero).toFloatArray()).containsExactly(0f, 0f);
            // mean 1 in each of 4 dimensions, unit variance: 0.5 * 4 * 1^2 = 2
            NDArray shifted = manager.ones(new Shape(1, 4));
            assertThat(KlDivergence.perExample(shifted, manager.zeros(new Shape(1, 4))).getFloat(0))
                    .isCloseTo(2f, within(1e-6f));
            // by hand: mean 0.5, variance 2: 0.5 * (0.25 + 2 - 1 - ln 2) = 0.278426...
            float[] mean = {0.5f, 0f};
            float[] logVariance = {(float) Math.log(2), 0f};
            double expected = 0.5 * (0.25 + 2 - 1 - Math.log(2));
            assertThat(KlDivergence.of(mean, logVariance, 0, 2)).isCloseTo(expected, within(1e-6));
            NDArray m = manager.create(mean, new Shape(1, 2));
            NDArray lv = manager.create(logVariance, new Shape(1, 2));
            assertThat((double) KlDivergence.perExample(m, lv).getFloat(0)).isCloseTo(expected, within(1e-6));
            // a variance other than 1 costs too, even at mean 0
            assertThat(KlDivergence.of(new float[] {0}, new float[] {-2}, 0, 1)).isGreaterThan(0.5);
        }
    }

    @Test
    void specsRoundTripThroughTheManifestJsonAndSayWhatIsWrong() throws Exception {
        for (ArchitectureSpec spec : List.<ArchitectureSpec>of(
                new VariationalAutoencoderSpec(DENSE, 3), new VariationalAutoencoderSpec(CONV, 5))) {
            String json = ModelBundle.json().writeValueAsString(spec);
            assertThat(json).contains("\"kind\" : \"vae\"").contains("\"network\"");
            assertThat(ModelBundle.json().readValue(json, ArchitectureSpec.class)).isEqualTo(spec);
        }
        assertThat(ModelBundle.json().writeValueAsString(new VariationalAutoencoderSpec(CONV, 5)))
                .contains("\"type\" : \"conv\"");
        assertThat(new VariationalAutoencoderSpec(CONV, 5).inputSize()).isEqualTo(64);
        assertThatThrownBy(() -> new VariationalAutoencoderSpec(DENSE, 0)).hasMessageContaining("latentSize must be >= 1");
        assertThatThrownBy(() -> new ConvNetworkSpec(1, 28, 28, List.of(8, 8, 8), "transposed", "relu", "sigmoid"))
                .hasMessageContaining("not divisible by 2^3 = 8");
        assertThatThrownBy(() -> new DenseNetworkSpec(12, List.of(8), "relu", "softmax"))
                .hasMessageContaining("outputActivation must be 'sigmoid' or 'none', got 'softmax'");
        assertThatThrownBy(() -> new VariationalAutoencoderSpec(null, 3)).hasMessageContaining("network");
    }
}
