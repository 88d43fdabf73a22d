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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link Conv1dAutoencoder} and {@link Conv1dAutoencoderSpec}. */
class Conv1dAutoencoderTest {

    @ParameterizedTest
    @CsvSource({
        "1, 16, 4,     3, maxpool, 0",
        "1, 16, 4;8,   5, stride,  6",
        "3, 32, 8;8;4, 3, maxpool, 5",
        "5, 8,  4,     1, stride,  0",
        "2, 24, 6;6;6, 7, stride,  0"
    })
    void reconstructsTheInputShape(int channels, int window, String filters, int kernel, String downsampling,
            int bottleneck) {
        Conv1dAutoencoderSpec spec = new Conv1dAutoencoderSpec(channels, window,
                Arrays.stream(filters.split(";")).map(Integer::valueOf).toList(), kernel, downsampling,
                bottleneck, "relu");
        assertThat(spec.inputSize()).isEqualTo(window * channels);
        ArchitectureAssertions.assertReconstructsTheInputShape(spec);
    }

    @Test
    void convolvesAlongTimeWithTheChannelsAsInputChannels() {
        Conv1dAutoencoderSpec spec = new Conv1dAutoencoderSpec(3, 16, List.of(4), 5, "maxpool", 0, "relu");
        Block block = spec.newBlock();
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(2, spec.inputSize()));
            // the first convolution's weight is (filters, input channels, kernel)
            Shape first = block.getChildren().get(1).getValue().getParameters().get(0).getValue().getArray().getShape();
            assertThat(first).isEqualTo(new Shape(4, 3, 5));
        }
    }

    @ParameterizedTest
    @CsvSource({"4, 4", "0, 16"})
    void encodesToTheBottleneckOrTheLastFeatureMap(int bottleneck, int latentSize) {
        Conv1dAutoencoderSpec spec = new Conv1dAutoencoderSpec(2, 16, List.of(4, 4), 3, "maxpool", bottleneck, "relu");
        Conv1dAutoencoder block = new Conv1dAutoencoder(spec);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(3, spec.inputSize()));
            NDArray code = block.encode(new ParameterStore(manager, false), manager.randomNormal(new Shape(3, 32)));
            assertThat(block.latentSize()).isEqualTo(latentSize);
            assertThat(code.getShape()).isEqualTo(new Shape(3, latentSize));
        }
    }

    @Test
    void nearestUpsamplingRepeatsEveryStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(1, 2, 3));
            assertThat(Conv1dAutoencoder.upsampleNearest(x).toFloatArray())
                    .containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6);
        }
    }

    @Test
    void windowsOfOneBatchDoNotInfluenceEachOther() {
        Conv1dAutoencoderSpec spec = new Conv1dAutoencoderSpec(2, 8, List.of(4, 4), 3, "stride", 3, "tanh");
        Engine.getInstance().setRandomSeed(3);
        Block block = spec.newBlock();
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(4, spec.inputSize()));
            NDArray batch = manager.randomNormal(new Shape(4, spec.inputSize()));
            ParameterStore store = new ParameterStore(manager, false);
            float[] together = block.forward(store, new NDList(batch), false).singletonOrThrow().toFloatArray();
            float[] alone = block.forward(store, new NDList(batch.get("2:3")), false).singletonOrThrow().toFloatArray();
            float[] third = Arrays.copyOfRange(together, 2 * spec.inputSize(), 3 * spec.inputSize());
            assertThat(alone).containsExactly(third, within(1e-5f));
        }
    }

    @Test
    void theSpecRoundTripsThroughTheManifestJson() throws Exception {
        ArchitectureSpec spec = new Conv1dAutoencoderSpec(2, 32, List.of(8, 16), 5, "stride", 4, "tanh");
        String json = ModelBundle.json().writeValueAsString(spec);
        assertThat(json).containsPattern("\"kind\"\\s*:\\s*\"conv1d\"");
        assertThat(ModelBundle.json().readValue(json, ArchitectureSpec.class)).isEqualTo(spec);
    }

    @Test
    void invalidSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> new Conv1dAutoencoderSpec(1, 30, List.of(8, 8), 3, "maxpool", 0, "relu"))
                .hasMessageContaining("window 30 is not divisible by 2^2 = 4")
                .hasMessageContaining("multiple of 4 or fewer stages");
        assertThatThrownBy(() -> new Conv1dAutoencoderSpec(1, 32, List.of(8), 4, "maxpool", 0, "relu"))
                .hasMessageContaining("kernel must be an odd length >= 1").hasMessageContaining("got 4");
        assertThatThrownBy(() -> new Conv1dAutoencoderSpec(1, 32, List.of(8), 3, "avgpool", 0, "relu"))
                .hasMessageContaining("downsampling must be 'maxpool' or 'stride', got 'avgpool'");
        assertThatThrownBy(() -> new Conv1dAutoencoderSpec(1, 32, List.of(), 3, "maxpool", 0, "relu"))
                .hasMessageContaining("filters must be one or more sizes >= 1");
        assertThatThrownBy(() -> new Conv1dAutoencoderSpec(1, 32, List.of(8), 3, "maxpool", -1, "relu"))
                .hasMessageContaining("bottleneck must be >= 0");
        assertThatThrownBy(() -> new Conv1dAutoencoderSpec(0, 32, List.of(8), 3, "maxpool", 0, "relu"))
                .hasMessageContaining("channels and window must be >= 1");
        assertThatThrownBy(() -> new Conv1dAutoencoderSpec(1, 32, List.of(8), 3, "maxpool", 0, "gelu"))
                .hasMessageContaining("activation must be 'relu' or 'tanh', got 'gelu'");
    }
}
