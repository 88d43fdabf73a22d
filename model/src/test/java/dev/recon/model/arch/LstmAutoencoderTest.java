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
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.recon.model.bundle.ModelBundle;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link LstmAutoencoder} and {@link LstmAutoencoderSpec}. */
class LstmAutoencoderTest {

    @ParameterizedTest
    @CsvSource({"1, 16, 8, 1, 0", "1, 10, 4, 2, 3", "3, 12, 6, 1, 2", "4, 5, 3, 3, 0", "2, 2, 1, 1, 1"})
    void reconstructsTheInputShape(int channels, int window, int hidden, int layers, int latent) {
        LstmAutoencoderSpec spec = new LstmAutoencoderSpec(channels, window, hidden, layers, latent);
        assertThat(spec.inputSize()).isEqualTo(window * channels);
        ArchitectureAssertions.assertReconstructsTheInputShape(spec);
    }

    /**
     * The flattened window is reshaped to {@code (batch, steps, channels)}; were the LSTM to read it
     * time-major, windows of one batch would mix and a window scored alone would differ.
     */
    @Test
    void readsTheBatchFirstLayoutSoWindowsOfOneBatchDoNotMix() {
        LstmAutoencoderSpec spec = new LstmAutoencoderSpec(2, 6, 5, 2, 3);
        Engine.getInstance().setRandomSeed(2);
        Block block = spec.newBlock();
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(4, spec.inputSize()));
            NDArray batch = manager.randomNormal(new Shape(4, spec.inputSize()));
            ParameterStore store = new ParameterStore(manager, false);
            float[] together = block.forward(store, new NDList(batch), false).singletonOrThrow().toFloatArray();
            for (int i = 0; i < 4; i++) {
                float[] alone = block.forward(store, new NDList(batch.get(i + ":" + (i + 1))), false)
                        .singletonOrThrow().toFloatArray();
                float[] inBatch = Arrays.copyOfRange(together, i * spec.inputSize(), (i + 1) * spec.inputSize());
                assertThat(alone).containsExactly(inBatch, within(1e-5f));
            }
            // the encoder's input-to-hidden weight sees the channels as features: (4 gates x hidden, channels)
            Shape encoderInput = block.getChildren().get(1).getValue().getParameters().get(0).getValue()
                    .getArray().getShape();
            assertThat(encoderInput).isEqualTo(new Shape(4 * 5, 2));
        }
    }

    @ParameterizedTest
    @CsvSource({"3, 3", "0, 5"})
    void encodesToTheProjectionOrTheLastHiddenState(int latent, int latentSize) {
        LstmAutoencoderSpec spec = new LstmAutoencoderSpec(2, 6, 5, 1, latent);
        LstmAutoencoder block = new LstmAutoencoder(spec);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(3, spec.inputSize()));
            NDArray code = block.encode(new ParameterStore(manager, false), manager.randomNormal(new Shape(3, 12)));
            assertThat(block.latentSize()).isEqualTo(latentSize);
            assertThat(code.getShape()).isEqualTo(new Shape(3, latentSize));
            if (latent == 0) {
                // the last hidden state of an LSTM is tanh-bounded
                assertThat(code.abs().max().getFloat()).isLessThan(1f);
            }
        }
    }

    @Test
    void theEncodingIsTheLastStepRepeatedOverTheSteps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // (N=2, T=3, H=2)
            NDArray seq = manager.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new Shape(2, 3, 2));
            NDArray last = LstmAutoencoder.lastStep(seq);
            assertThat(last.getShape()).isEqualTo(new Shape(2, 2));
            assertThat(last.toFloatArray()).containsExactly(5, 6, 11, 12);
            NDArray repeated = LstmAutoencoder.repeatOverSteps(last, 3);
            assertThat(repeated.getShape()).isEqualTo(new Shape(2, 3, 2));
            assertThat(repeated.toFloatArray()).containsExactly(5, 6, 5, 6, 5, 6, 11, 12, 11, 12, 11, 12);
        }
    }

    @Test
    void theSpecRoundTripsThroughTheManifestJson() throws Exception {
        ArchitectureSpec spec = new LstmAutoencoderSpec(3, 20, 16, 2, 4);
        String json = ModelBundle.json().writeValueAsString(spec);
        assertThat(json).containsPattern("\"kind\"\\s*:\\s*\"lstm\"");
        assertThat(ModelBundle.json().readValue(json, ArchitectureSpec.class)).isEqualTo(spec);
    }

    @Test
    void invalidSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> new LstmAutoencoderSpec(1, 16, 0, 1, 0))
                .hasMessageContaining("hidden (LSTM units) must be >= 1, got 0");
        assertThatThrownBy(() -> new LstmAutoencoderSpec(1, 16, 8, 0, 0))
                .hasMessageContaining("layers must be >= 1, got 0");
        assertThatThrownBy(() -> new LstmAutoencoderSpec(1, 16, 8, 1, -2))
                .hasMessageContaining("latent must be >= 0 (0 for no projection), got -2");
        assertThatThrownBy(() -> new LstmAutoencoderSpec(0, 16, 8, 1, 0))
                .hasMessageContaining("channels and window must be >= 1");
    }
}
