package dev.recon.model.arch;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link AdversarialAutoencoder} and {@link AdversarialAutoencoderSpec}. */
class AdversarialAutoencoderTest {

    @ParameterizedTest
    @ValueSource(strings = {"dense", "conv"})
    void reconstructsTheInputShapeAndExposesTheCode(String type) {
        NetworkSpec network = type.equals("dense")
                ? new DenseNetworkSpec(64, List.of(16), "tanh", NetworkSpec.SIGMOID)
                : new ConvNetworkSpec(1, 8, 8, List.of(4), ConvAutoencoderSpec.UPSAMPLE, "relu", NetworkSpec.SIGMOID);
        AdversarialAutoencoder aae = new AdversarialAutoencoder(new AdversarialAutoencoderSpec(network, 3));
        Engine.getInstance().setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            aae.initialize(manager, DataType.FLOAT32, new Shape(2, 64));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.randomUniform(0, 1, new Shape(2, 64));
            NDList out = aae.forward(store, new NDList(x), false);
            assertThat(out.getShapes()).containsExactly(new Shape(2, 64), new Shape(2, 3));
            assertThat(aae.getOutputShapes(new Shape[] {new Shape(2, 64)})).isEqualTo(out.getShapes());
            assertThat(out.get(AdversarialAutoencoder.CODE).toFloatArray())
                    .containsExactly(aae.encode(store, x).toFloatArray());
            assertThat(aae.encoder().forward(store, new NDList(x), false).singletonOrThrow().toFloatArray())
                    .containsExactly(aae.encode(store, x).toFloatArray());
            NDList training = aae.forward(store, new NDList(x), true);
            assertThat(Activation.sigmoid(Logits.of(training)).toFloatArray())
                    .containsExactly(training.get(0).toFloatArray());
        }
    }

    @Test
    void aLinearOutputHasNoLogitsAndTheSpecRoundTrips() throws Exception {
        AdversarialAutoencoderSpec spec =
                new AdversarialAutoencoderSpec(new DenseNetworkSpec(10, List.of(), "relu", NetworkSpec.NONE), 2);
        AdversarialAutoencoder aae = new AdversarialAutoencoder(spec);
        try (NDManager manager = NDManager.newBaseManager()) {
            aae.initialize(manager, DataType.FLOAT32, new Shape(1, 10));
            NDList training = aae.forward(new ParameterStore(manager, false),
                    new NDList(manager.ones(new Shape(1, 10))), true);
            assertThat(training).hasSize(2);
            assertThat(Logits.of(training)).isNull();
        }
        String json = ModelBundle.json().writeValueAsString(spec);
        assertThat(json).contains("\"kind\" : \"aae\"");
        assertThat(ModelBundle.json().readValue(json, ArchitectureSpec.class)).isEqualTo(spec);
    }
}
