package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link DataSplit}. */
class DataSplitTest {

    @Test
    void splitsTheLeadingFractionInTimeOrder() {
        DataSplit s = DataSplit.of(4032, 64, 0.15, 0.2);
        assertThat(s.fitRows()).isEqualTo(605);
        assertThat(s.validationRows()).isEqualTo(121);
        assertThat(s.trainRows()).isEqualTo(484);
        assertThat(s.trainWindows(64)).isEqualTo(421);
        assertThat(s.validationWindows(64)).isEqualTo(58);
    }

    @Test
    void tooLittleDataSaysWhatToChange() {
        assertThatThrownBy(() -> DataSplit.of(1882, 64, 0.15, 0.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1882 rows x train-fraction 0.15 = 282 rows")
                .hasMessageContaining("226 training and 56 validation rows")
                .hasMessageContaining("--train-fraction");
    }
}
