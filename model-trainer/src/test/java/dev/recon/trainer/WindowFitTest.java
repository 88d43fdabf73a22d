package dev.recon.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link WindowFit}. */
class WindowFitTest {

    @Test
    void keepsAWindowThatFitsAndShortensOneThatDoesNot() {
        TrainerConfig defaults = TrainerConfig.defaults("m");
        // 4,032 rows (most NAB files): 605 fitted, 121 held out
        assertThat(WindowFit.of(defaults, 4032)).isEqualTo(new WindowFit(128, 121, 4032, 121));
        assertThat(WindowFit.of(defaults, 22_695).shortened()).isFalse();
        assertThat(WindowFit.of(defaults, 22_695).window()).isEqualTo(128);
        // 1,243 rows: 186 fitted, 37 held out
        assertThat(WindowFit.of(defaults, 1243).window()).isEqualTo(37);
    }

    @Test
    void roundsDownToTheConvolutionsMultipleAndGivesUpBelowTheSmallestWindow() {
        TrainerConfig conv = TrainerConfig.defaults("m").withModel(SeriesModel.conv1d(List.of(8, 16), 3, "maxpool", 0));
        assertThat(WindowFit.of(conv, 1243).window()).isEqualTo(36); // 37 down to a multiple of 4
        // 10 rows leave 1 validation row: nothing fits, so the configured window stays for the trainer to refuse
        assertThat(WindowFit.of(TrainerConfig.defaults("m"), 10).window()).isEqualTo(128);
        assertThat(WindowFit.of(TrainerConfig.defaults("m"), 10).shortened()).isFalse();
    }
}
