package dev.recon.operators.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link ErrorGrid}. */
class ErrorGridTest {

    @Test
    void averagesEachCellAndCoversTheImageExactly() {
        // 4 x 6 image, error = column index; 2 x 3 cells of 2 x 2 pixels
        double[] errors = new double[24];
        for (int p = 0; p < errors.length; p++) {
            errors[p] = p % 6;
        }
        ErrorGrid grid = ErrorGrid.of(errors, 4, 6, 3);
        assertThat(grid.rows()).isEqualTo(3); // 3 cells over 4 rows: [0, 1), [1, 2), [2, 4)
        assertThat(grid.cols()).isEqualTo(3);
        assertThat(grid.errors()).containsExactly(0.5, 2.5, 4.5, 0.5, 2.5, 4.5, 0.5, 2.5, 4.5);
    }

    @Test
    void isNeverFinerThanTheImageAndFindsALocalError() {
        double[] errors = new double[3 * 2];
        errors[5] = 6; // bottom right
        ErrorGrid grid = ErrorGrid.of(errors, 3, 2, 8);
        assertThat(grid.rows()).isEqualTo(3);
        assertThat(grid.cols()).isEqualTo(2);
        assertThat(grid.errors()).containsExactly(0, 0, 0, 0, 0, 6);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> ErrorGrid.of(new double[4], 2, 2, 0)).hasMessageContaining(">= 1 cell");
        assertThatThrownBy(() -> ErrorGrid.of(new double[5], 2, 2, 2)).hasMessageContaining("5 pixel errors");
        assertThatThrownBy(() -> new ErrorGrid(2, 2, new double[3])).hasMessageContaining("needs 4 values");
    }
}
