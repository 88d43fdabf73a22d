package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.recon.model.arch.Logits;
import org.junit.jupiter.api.Test;

/** Tests for {@link ReconstructionLoss}. */
class ReconstructionLossTest {

    @Test
    void binaryCrossEntropyEqualsTheHandComputationAndStaysFiniteWhereTheSigmoidSaturates() {
        float[] logits = {2f, -1f, 0f, 100f, -100f, 30f};
        float[] targets = {0.25f, 1f, 0.5f, 0f, 1f, 1f};
        double expected = 0;
        for (int i = 0; i < logits.length; i++) {
            double l = logits[i];
            double x = targets[i];
            double byDefinition = -(x * Math.log(sigmoid(l)) + (1 - x) * Math.log(1 - sigmoid(l)));
            double stable = Math.max(l, 0) - l * x + Math.log1p(Math.exp(-Math.abs(l)));
            if (Math.abs(l) <= 2) {
                assertThat(stable).isCloseTo(byDefinition, within(1e-12)); // the two forms agree
            }
            expected += stable;
        }
        expected /= logits.length;
        // by hand: 1.626928 + 1.313262 + 0.693147 + 100 + 100 + 0 (l = 30, x = 1: e^-30) over 6
        assertThat(expected).isCloseTo((1.6269280 + 1.3132617 + 0.6931472 + 200) / 6, within(1e-6));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray l = Logits.named(manager.create(logits, new Shape(2, 3)));
            NDList predictions = new NDList(Activation.sigmoid(l), l);
            NDArray x = manager.create(targets, new Shape(2, 3));
            float bce = ReconstructionLoss.of("bce").evaluate(new NDList(x), predictions).getFloat();
            assertThat((double) bce).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void meanSquaredErrorIsPerValueAndBceNeedsLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray reconstruction = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray target = manager.create(new float[] {1, 0, 3, 1}, new Shape(2, 2));
            // (0 + 4 + 0 + 9) / 4
            assertThat(ReconstructionLoss.of("mse").evaluate(new NDList(target), new NDList(reconstruction)).getFloat())
                    .isEqualTo(3.25f);
            assertThatThrownBy(() -> ReconstructionLoss.of("bce").evaluate(new NDList(target), new NDList(reconstruction)))
                    .hasMessageContaining("bce needs a model whose output ends in a sigmoid");
        }
        assertThatThrownBy(() -> ReconstructionLoss.of("l1")).hasMessageContaining("invalid loss: l1 (expected mse or bce)");
    }

    private static double sigmoid(double l) {
        return 1 / (1 + Math.exp(-l));
    }
}
