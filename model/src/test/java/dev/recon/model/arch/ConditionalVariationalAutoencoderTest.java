package dev.recon.model.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** Tests for {@link ConditionalVariationalAutoencoder}, its spec and {@link Conditions}. */
class ConditionalVariationalAutoencoderTest {

    private static final DenseNetworkSpec DENSE = VariationalAutoencoderTest.DENSE;
    private static final ConvNetworkSpec CONV = VariationalAutoencoderTest.CONV;

    @Test
    void denseInferenceReconstructsTheMeanCodeUnderTheGivenCondition() {
        var cvae = new ConditionalVariationalAutoencoder(new ConditionalVariationalAutoencoderSpec(DENSE, 3, 4, null));
        Engine.getInstance().setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            cvae.initialize(manager, DataType.FLOAT32, new Shape(2, 12), new Shape(2));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(2, 12));
            NDArray conditions = manager.create(new int[] {0, 3});
            NDList out = cvae.forward(store, new NDList(x, conditions), false);
            assertThat(out.getShapes()).containsExactly(new Shape(2, 12), new Shape(2, 3), new Shape(2, 3));
            assertThat(cvae.getOutputShapes(new Shape[] {new Shape(2, 12), new Shape(2)})).isEqualTo(out.getShapes());
            NDArray mean = out.get(VariationalAutoencoder.MEAN);
            assertThat(out.get(0).toFloatArray())
                    .containsExactly(cvae.decode(store, mean, conditions).toFloatArray());
            // inference is deterministic
            assertThat(cvae.forward(store, new NDList(x, conditions), false).get(0).toFloatArray())
                    .containsExactly(out.get(0).toFloatArray());
            // the condition reaches the encoder and the decoder: another one changes both the code and the output
            NDList other = cvae.forward(store, new NDList(x, manager.create(new int[] {1, 2})), false);
            assertThat(other.get(VariationalAutoencoder.MEAN).toFloatArray()).isNotEqualTo(mean.toFloatArray());
            assertThat(other.get(0).toFloatArray()).isNotEqualTo(out.get(0).toFloatArray());
            assertThat(cvae.decode(store, mean, manager.create(new int[] {1, 2})).toFloatArray())
                    .isNotEqualTo(out.get(0).toFloatArray());
        }
    }

    @Test
    void convFeedsTheConditionAsChannelsAndTrainingAlsoReturnsLogits() {
        var cvae = new ConditionalVariationalAutoencoder(new ConditionalVariationalAutoencoderSpec(CONV, 5, 2, null));
        Engine.getInstance().setRandomSeed(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            // initialised from the examples' shape alone, as a bundle's fixture does
            cvae.initialize(manager, DataType.FLOAT32, new Shape(3, 64));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.randomUniform(0, 1, new Shape(3, 64));
            NDArray conditions = manager.create(new float[] {0, 1, 1});
            NDList inference = cvae.forward(store, new NDList(x, conditions), false);
            assertThat(inference.getShapes()).containsExactly(new Shape(3, 64), new Shape(3, 5), new Shape(3, 5));
            assertThat(Logits.of(inference)).isNull();
            for (float v : inference.get(0).toFloatArray()) {
                assertThat(v).isBetween(0f, 1f);
            }
            NDList training = cvae.forward(store, new NDList(x, conditions), true);
            assertThat(training).hasSize(4);
            assertThat(Activation.sigmoid(Logits.of(training)).toFloatArray())
                    .containsExactly(training.get(0).toFloatArray());
            NDList flipped = cvae.forward(store, new NDList(x, manager.create(new float[] {1, 0, 0})), false);
            assertThat(flipped.get(VariationalAutoencoder.MEAN).toFloatArray())
                    .isNotEqualTo(inference.get(VariationalAutoencoder.MEAN).toFloatArray());
        }
    }

    @Test
    void aForwardPassWithoutConditionsSaysWhatItReads() {
        var cvae = new ConditionalVariationalAutoencoder(new ConditionalVariationalAutoencoderSpec(DENSE, 3, 2, null));
        try (NDManager manager = NDManager.newBaseManager()) {
            cvae.initialize(manager, DataType.FLOAT32, new Shape(1, 12));
            assertThatThrownBy(() -> cvae.forward(new ParameterStore(manager, false),
                    new NDList(manager.zeros(new Shape(1, 12))), false))
                    .hasMessageContaining("reads the examples and their condition indices (2 arrays), got 1");
        }
    }

    @Test
    void specsRoundTripThroughTheManifestJsonAndSayWhatIsWrong() throws Exception {
        var named = new ConditionalVariationalAutoencoderSpec(CONV, 5, 3, List.of("shirt", "boot", "bag"));
        var indexed = new ConditionalVariationalAutoencoderSpec(DENSE, 3, 10, null);
        for (ArchitectureSpec spec : List.<ArchitectureSpec>of(named, indexed)) {
            String json = ModelBundle.json().writeValueAsString(spec);
            assertThat(json).contains("\"kind\" : \"cvae\"").contains("\"conditions\" : ")
                    .doesNotContain("conditioning");
            assertThat(ModelBundle.json().readValue(json, ArchitectureSpec.class)).isEqualTo(spec);
        }
        assertThat(ModelBundle.json().writeValueAsString(indexed)).doesNotContain("conditionNames");
        assertThat(ConditionalModelSpec.of(named)).isEqualTo(new Conditions(3, List.of("shirt", "boot", "bag")));
        assertThat(ConditionalModelSpec.of(new VariationalAutoencoderSpec(DENSE, 3))).isNull();
        assertThat(named.inputSize()).isEqualTo(64);
        assertThatThrownBy(() -> new ConditionalVariationalAutoencoderSpec(DENSE, 3, 1, null))
                .hasMessageContaining("at least 2 conditions, got 1");
        assertThatThrownBy(() -> new ConditionalVariationalAutoencoderSpec(DENSE, 3, 3, List.of("a", "b")))
                .hasMessageContaining("must name each of the 3 conditions, got 2");
        assertThatThrownBy(() -> new ConditionalVariationalAutoencoderSpec(DENSE, 3, 2, List.of("a", "a")))
                .hasMessageContaining("distinct and non-blank");
        assertThatThrownBy(() -> new ConditionalVariationalAutoencoderSpec(DENSE, 0, 2, null))
                .hasMessageContaining("latentSize must be >= 1");
    }

    @Test
    void labelsMapToConditionsByNameOrByIndex() {
        Conditions named = Conditions.ofLabels(List.of(3, 7));
        assertThat(named.indexOf("7")).isEqualTo(1);
        assertThat(named.indexOf(3)).isZero();
        assertThat(named.indexOf(0)).isEqualTo(-1);
        assertThat(named.indexOf("1")).as("a name, not an index").isEqualTo(-1);
        assertThat(named.label(1)).isEqualTo("7");
        assertThat(named.describe()).isEqualTo("[3, 7]");

        Conditions indexed = new Conditions(10, null);
        assertThat(indexed.indexOf("9")).isEqualTo(9);
        assertThat(indexed.indexOf(10)).isEqualTo(-1);
        assertThat(indexed.indexOf(-1)).isEqualTo(-1);
        assertThat(indexed.indexOf("cat")).isEqualTo(-1);
        assertThat(indexed.label(4)).isEqualTo("4");
        assertThat(indexed.describe()).isEqualTo("integers 0 to 9");
    }
}
