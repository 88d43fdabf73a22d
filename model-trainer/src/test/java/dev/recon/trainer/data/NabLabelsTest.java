package dev.recon.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link NabLabels}. */
class NabLabelsTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheSampleNabLabelsAndFindsAFileByItsName() throws Exception {
        NabLabels labels = NabLabels.read(Path.of("../data/samples/nab/combined_windows.json"));
        List<AnomalyWindow> windows = labels.windowsFor(Path.of("/anywhere/ec2_request_latency_system_failure.csv"));
        assertThat(windows).hasSize(3);
        assertThat(windows.get(0)).isEqualTo(new AnomalyWindow(
                TimeSeriesCsv.parseTimestamp("2014-03-14T03:31:00Z"), TimeSeriesCsv.parseTimestamp("2014-03-14T14:41:00Z")));
        assertThat(windows.get(0).contains(TimeSeriesCsv.parseTimestamp("2014-03-14 14:41:00"))).isTrue();
        assertThat(windows.get(0).contains(TimeSeriesCsv.parseTimestamp("2014-03-14 14:41:01"))).isFalse();
    }

    @Test
    void matchesTheFullKeyTheFileNameOrAGroupPrefix() throws Exception {
        Path json = Files.writeString(tmp.resolve("l.json"), """
                {"a/x.csv": [["2020-01-01 00:00:00", "2020-01-01 01:00:00"]],
                 "b/x.csv": [],
                 "y.csv": [[1000, 2000], [5000, 5000]]}
                """);
        NabLabels labels = NabLabels.read(json);
        assertThat(labels.windowsFor(Path.of("y.csv"))).containsExactly(new AnomalyWindow(1000, 2000),
                new AnomalyWindow(5000, 5000));
        assertThat(labels.windowsFor(Path.of("b/x.csv"))).isEmpty();
        assertThatThrownBy(() -> labels.windowsFor(Path.of("data/x.csv")))
                .hasMessageContaining("has several entries for 'x.csv': [a/x.csv, b/x.csv]");
        assertThatThrownBy(() -> labels.windowsFor(Path.of("z.csv")))
                .hasMessageContaining("has no anomaly windows for 'z.csv'; its entries are [a/x.csv, b/x.csv, y.csv]");
    }

    @Test
    void malformedLabelsSayWhereAndWhat() throws Exception {
        assertThatThrownBy(() -> NabLabels.read(tmp.resolve("missing.json")))
                .hasMessageStartingWith("labels file not found:");
        assertThatThrownBy(() -> NabLabels.read(Files.writeString(tmp.resolve("a.json"), "{\"x.csv\": [[1, 2]")))
                .hasMessageContaining("a.json is not valid JSON");
        assertThatThrownBy(() -> NabLabels.read(Files.writeString(tmp.resolve("b.json"), "[[1, 2]]")))
                .hasMessageContaining("expected a JSON object mapping data file names to lists of [start, end]");
        assertThatThrownBy(() -> NabLabels.read(Files.writeString(tmp.resolve("c.json"), "{\"x.csv\": 5}")))
                .hasMessageContaining("entry 'x.csv': expected a list of [start, end] pairs, got 5");
        assertThatThrownBy(() -> NabLabels.read(Files.writeString(tmp.resolve("d.json"), "{\"x.csv\": [[1, 2], [3]]}")))
                .hasMessageContaining("entry 'x.csv' window 1: expected a pair [start, end] of timestamps, got [3]");
        assertThatThrownBy(() -> NabLabels.read(Files.writeString(tmp.resolve("e.json"),
                "{\"x.csv\": [[\"2020-01-01\", \"yesterday\"]]}")))
                .hasMessageContaining("entry 'x.csv' window 0 end: expected a timestamp").hasMessageContaining("'yesterday'");
        assertThatThrownBy(() -> NabLabels.read(Files.writeString(tmp.resolve("f.json"), "{\"x.csv\": [[2000, 1000]]}")))
                .hasMessageContaining("entry 'x.csv' window 0: anomaly window ends (1970-01-01T00:00:01Z) before it starts");
    }
}
