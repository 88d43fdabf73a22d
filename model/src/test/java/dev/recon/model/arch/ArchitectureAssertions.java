package dev.recon.model.arch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** Assertions the tests of several architectures share. */
final class ArchitectureAssertions {

    private ArchitectureAssertions() {}

    /**
     * A batch of 3 random inputs (seeded) comes out of the spec's block as a batch of the same shape,
     * the shape {@link Block#getOutputShapes} promises.
     */
    static void assertReconstructsTheInputShape(ArchitectureSpec spec) {
        Engine.getInstance().setRandomSeed(1);
        Block block = spec.newBlock();
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape in = new Shape(3, spec.inputSize());
            block.initialize(manager, DataType.FLOAT32, in);
            NDArray x = manager.randomNormal(in);
            NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(in);
            assertThat(block.getOutputShapes(new Shape[] {in})[0]).isEqualTo(in);
        }
    }
}
