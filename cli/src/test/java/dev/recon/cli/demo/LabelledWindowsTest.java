package dev.recon.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link LabelledWindows}. */
class LabelledWindowsTest {

    private static final String JSON = """
            {"realKnownCause/x.csv": [["2014-03-14 03:31:00.000000", "2014-03-14 14:41:00.000000"],
                                      ["2014-03-18 17:06:00.000000", "2014-03-19 04:16:00.000000"]],
             "other/y.csv": []}
            """;

    @Test
    void readsNabWindowsByFileNameAndCountsAlarmsInsideAndOutside() throws Exception {
        LabelledWindows labels = LabelledWindows.read(new ByteArrayInputStream(JSON.getBytes(StandardCharsets.UTF_8)), "x.csv");
        assertThat(labels.windows()).hasSize(2);
        long start = labels.windows().get(0).start();
        assertThat(start).isEqualTo(1394767860000L);
        LabelledWindows.Evaluation e = labels.evaluate(List.of(start + 60_000, start, start - 1, labels.windows().get(0).end()));
        assertThat(e.caught()).isEqualTo(1);
        assertThat(e.firstAlarm().get(0)).isEqualTo(start);
        assertThat(e.firstAlarm().get(1)).isNull();
        assertThat(e.alarmsInside()).isEqualTo(3);
        assertThat(e.alarmsOutside()).isEqualTo(1);
    }

    @Test
    void aMissingEntryIsAnError() {
        assertThatThrownBy(() -> LabelledWindows.read(new ByteArrayInputStream(JSON.getBytes(StandardCharsets.UTF_8)), "z.csv"))
                .hasMessageContaining("no entry for 'z.csv'");
    }
}
