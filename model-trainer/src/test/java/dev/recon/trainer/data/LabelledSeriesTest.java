package dev.recon.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link LabelledSeries}. */
class LabelledSeriesTest {

    @TempDir
    Path tmp;

    @Test
    void splitsTheLabelColumnOffTheValues() throws Exception {
        Path csv = Files.writeString(tmp.resolve("s.csv"), """
                timestamp,temp,Is_Anomaly,vib
                1000,1.5,0,0.1
                2000,2.5,1,0.2
                3000,3.5,0,0.3
                """);
        TimeSeries series = TimeSeriesCsv.read(csv);
        assertThat(LabelledSeries.hasLabelColumn(series)).isTrue();
        LabelledSeries labelled = LabelledSeries.fromLabelColumn(series);
        assertThat(labelled.series().channels()).containsExactly("temp", "vib");
        assertThat(labelled.series().rows()[1]).containsExactly(2.5, 0.2);
        assertThat(labelled.series().timestamps()).containsExactly(1000, 2000, 3000);
        assertThat(labelled.anomalous()).containsExactly(false, true, false);
        assertThat(labelled.anomalousRows()).isEqualTo(1);
        assertThat(labelled.labelSource()).isEqualTo("column 'Is_Anomaly'");
    }

    @Test
    void flagsTheRowsInsideAnomalyWindowsBothEndsIncluded() {
        double[][] rows = {{1}, {2}, {3}, {4}, {5}, {6}};
        TimeSeries series = new TimeSeries("s", List.of("value"), new long[] {10, 20, 30, 40, 50, 60}, rows, null);
        LabelledSeries labelled = LabelledSeries.fromWindows(series,
                List.of(new AnomalyWindow(20, 30), new AnomalyWindow(55, 60)), "labels.json");
        assertThat(labelled.anomalous()).containsExactly(false, true, true, false, false, true);
        assertThat(labelled.series()).isSameAs(series);
        assertThat(LabelledSeries.hasLabelColumn(series)).isFalse();
    }

    @Test
    void badLabelColumnsSayWhatIsWrong() throws Exception {
        TimeSeries half = TimeSeriesCsv.read(Files.writeString(tmp.resolve("half.csv"),
                "timestamp,value,label\n1000,1,0\n2000,2,0.5\n"));
        assertThatThrownBy(() -> LabelledSeries.fromLabelColumn(half))
                .hasMessageContaining("half.csv row 2 (2000) column 'label': expected 0 or 1, got 0.5");
        TimeSeries none = TimeSeriesCsv.read(Files.writeString(tmp.resolve("none.csv"), "timestamp,value\n1000,1\n"));
        assertThatThrownBy(() -> LabelledSeries.fromLabelColumn(none))
                .hasMessageContaining("none.csv has no label column: expected a column named label or is_anomaly");
        TimeSeries both = TimeSeriesCsv.read(Files.writeString(tmp.resolve("both.csv"),
                "timestamp,value,label,is_anomaly\n1000,1,0,0\n"));
        assertThatThrownBy(() -> LabelledSeries.fromLabelColumn(both))
                .hasMessageContaining("more than one label column [label, is_anomaly]");
        TimeSeries only = TimeSeriesCsv.read(Files.writeString(tmp.resolve("only.csv"), "timestamp,label\n1000,1\n"));
        assertThatThrownBy(() -> LabelledSeries.fromLabelColumn(only))
                .hasMessageContaining("has only the label column 'label'; expected value columns too");
    }
}
