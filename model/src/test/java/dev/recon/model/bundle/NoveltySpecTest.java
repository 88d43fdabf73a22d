package dev.recon.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link NoveltySpec}. */
class NoveltySpecTest {

    @Test
    void fitTakesEachChannelsTrainingRangeAndTheCellsItsReadingsFellIn() {
        double[][] rows = {{0, 100}, {10, 100}, {Double.NaN, 100}, {5, 100}};
        NoveltySpec spec = NoveltySpec.fit(rows, 7);
        assertThat(spec.low()).containsExactly(0.0, 100.0);
        assertThat(spec.high()).containsExactly(10.0, 100.0);
        assertThat(spec.divisions()).isEqualTo(NoveltySpec.DEFAULT_DIVISIONS);
        assertThat(spec.restWindows()).isEqualTo(7);
        // 32 radii of 10/32 over the range, 4 cells per radius: 0, 5 and 10 are cells 0, 64 and 128
        assertThat(spec.trainingCells(0).stream().toArray()).containsExactly(0, 64, 128);
        assertThat(spec.cell(0, 5) - spec.trainingBandStart()).isEqualTo(64);
        // a constant channel gets a range of a tenth of its value
        assertThat(spec.range(1)).isEqualTo(10.0);
        assertThat(spec.trainingCells(1).cardinality()).isEqualTo(1);
    }

    @Test
    void memoryIsBoundedAndFarValuesShareTheOutermostCells() {
        NoveltySpec spec = NoveltySpec.fit(new double[][] {{0}, {1}}, 1);
        assertThat(spec.cellsPerChannel()).isEqualTo(33 * 32 * 4 + 1);
        assertThat(spec.cell(0, 1e12)).isEqualTo(spec.cellsPerChannel() - 1);
        assertThat(spec.cell(0, -1e12)).isZero();
        assertThat(spec.cell(0, 16.9)).isLessThan(spec.cellsPerChannel() - 1);
    }

    @Test
    void theLowestTrainingValueIsTheFirstTrainingCellWhateverTheRounding() {
        // differences of a series: a range whose 16 ranges below low do not round back to low exactly
        double[][] rows = {{-0.30000000000000004}, {0.1}, {0.7000000000000001}, {-0.1}};
        NoveltySpec spec = NoveltySpec.fit(rows, 1);
        assertThat(spec.cell(0, rows[0][0])).isEqualTo(spec.trainingBandStart());
        assertThat(spec.trainingCells(0).nextSetBit(0)).isZero();
        java.util.Random random = new java.util.Random(5);
        for (int k = 0; k < 1000; k++) {
            double lo = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12) - 6);
            double hi = lo + random.nextDouble() * Math.pow(10, random.nextInt(12) - 6);
            NoveltySpec any = NoveltySpec.fit(new double[][] {{lo}, {hi}}, 1);
            assertThat(any.cell(0, lo)).as("low %s", lo).isEqualTo(any.trainingBandStart());
        }
    }

    @Test
    void theDefaultRestIsAThirdOfTheTrainingWindows() {
        assertThat(NoveltySpec.defaultRestWindows(605, 1)).isEqualTo(201);
        assertThat(NoveltySpec.defaultRestWindows(600, 4)).isEqualTo(50);
        assertThat(NoveltySpec.defaultRestWindows(2, 1)).isEqualTo(1);
    }

    @Test
    void badFieldsAreNamed() {
        List<String> cells = List.of("");
        assertThatThrownBy(() -> new NoveltySpec(List.of(1.0), List.of(0.0), 32, 1, cells))
                .hasMessageContaining("low <= high");
        assertThatThrownBy(() -> new NoveltySpec(List.of(0.0), List.of(1.0), 0, 1, cells))
                .hasMessageContaining("alarm.novelty.divisions");
        assertThatThrownBy(() -> new NoveltySpec(List.of(0.0), List.of(1.0), 32, -1, cells))
                .hasMessageContaining("alarm.novelty.restWindows");
        assertThatThrownBy(() -> new NoveltySpec(List.of(0.0), List.of(1.0), 32, 1, List.of("xyz")))
                .hasMessageContaining("alarm.novelty.trainingCells");
        String beyond = java.util.HexFormat.of().formatHex(new byte[17]) + "01"; // cell 136 of 0..128
        assertThatThrownBy(() -> new NoveltySpec(List.of(0.0), List.of(1.0), 32, 1, List.of(beyond)))
                .hasMessageContaining("has cell 136, beyond the training range's 129");
        assertThatThrownBy(() -> new NoveltySpec(List.of(0.0, 1.0), List.of(1.0), 32, 1, cells))
                .hasMessageContaining("every channel");
        assertThatThrownBy(() -> NoveltySpec.fit(new double[][] {{Double.NaN}}, 1))
                .hasMessageContaining("no finite training reading");
    }

    @Test
    void cellsTravelAsHex() {
        BitSet expected = new BitSet();
        expected.set(0);
        expected.set(128);
        NoveltySpec spec = NoveltySpec.fit(new double[][] {{0}, {10}}, 1);
        assertThat(spec.trainingCells().get(0)).matches("[0-9a-f]+");
        assertThat(spec.trainingCells(0)).isEqualTo(expected);
    }
}
