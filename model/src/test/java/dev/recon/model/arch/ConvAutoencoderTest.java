package dev.recon.model.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link ConvAutoencoder} and {@link ConvAutoencoderSpec}. */
class ConvAutoencoderTest {

    @ParameterizedTest
    @CsvSource({"transposed,0", "transposed,6", "upsample,0", "upsample,6"})
    void reconstructsTheInputShapeForEveryDecoder(String decoder, int bottleneck) {
        ConvAutoencoderSpec spec = new ConvAutoencoderSpec(2, 8, 12, List.of(4, 6), decoder, bottleneck, "relu", "sigmoid");
        assertThat(spec.inputSize()).isEqualTo(2 * 8 * 12);
        Engine.getInstance().setRandomSeed(1);
        Block block = spec.newBlock();
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(3, spec.inputSize()));
            NDArray x = manager.randomUniform(0, 1, new Shape(3, spec.inputSize()));
            NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(new Shape(3, spec.inputSize()));
            float[] values = y.toFloatArray();
            for (float v : values) {
                assertThat(v).isBetween(0f, 1f); // sigmoid output
            }
            assertThat(block.getOutputShapes(new Shape[] {new Shape(3, spec.inputSize())})[0])
                    .isEqualTo(new Shape(3, spec.inputSize()));
        }
    }

    @Test
    void aTrainingPassWithASigmoidOutputAlsoReturnsTheLogits() {
        ConvAutoencoderSpec spec = new ConvAutoencoderSpec(1, 8, 8, List.of(4), "transposed", 4, "relu", "sigmoid");
        Engine.getInstance().setRandomSeed(1);
        Block block = spec.newBlock();
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 64));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.randomUniform(0, 1, new Shape(2, 64));
            NDList training = block.forward(store, new NDList(x), true);
            assertThat(training).hasSize(2);
            NDArray logits = Logits.of(training);
            assertThat(logits.getShape()).isEqualTo(new Shape(2, 64));
            assertThat(ai.djl.nn.Activation.sigmoid(logits).toFloatArray())
                    .containsExactly(training.get(0).toFloatArray());
            // the same parameters reconstruct the same in inference, which returns only the reconstruction
            assertThat(block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray())
                    .containsExactly(training.get(0).toFloatArray());
        }
    }

    @Test
    void nearestUpsamplingRepeatsEveryPixelIntoATwoByTwoBlock() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            assertThat(ConvAutoencoder.upsampleNearest(x).toFloatArray()).containsExactly(
                    1, 1, 2, 2,
                    1, 1, 2, 2,
                    3, 3, 4, 4,
                    3, 3, 4, 4);
        }
    }

    @Test
    void invalidSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> new ConvAutoencoderSpec(1, 28, 28, List.of(8, 8, 8), "transposed", 0, "relu", "sigmoid"))
                .hasMessageContaining("image size 28 x 28 is not divisible by 2^3 = 8");
        assertThatThrownBy(() -> new ConvAutoencoderSpec(1, 28, 28, List.of(8), "deconv", 0, "relu", "sigmoid"))
                .hasMessageContaining("decoder must be 'transposed' or 'upsample', got 'deconv'");
        assertThatThrownBy(() -> new ConvAutoencoderSpec(1, 28, 28, List.of(), "upsample", 0, "relu", "sigmoid"))
                .hasMessageContaining("filters must be one or more sizes >= 1");
        assertThatThrownBy(() -> new ConvAutoencoderSpec(1, 28, 28, List.of(8), "upsample", -1, "relu", "sigmoid"))
                .hasMessageContaining("bottleneck must be >= 0");
    }
}
