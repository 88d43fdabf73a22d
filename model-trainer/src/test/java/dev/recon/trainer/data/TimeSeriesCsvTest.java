package dev.recon.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link TimeSeriesCsv}. */
class TimeSeriesCsvTest {

    @TempDir
    Path tmp;

    @Test
    void readsNabFilesAsTheyAre() throws Exception {
        Path f = Files.writeString(tmp.resolve("nab.csv"),
                "timestamp,value\n2014-03-07 03:41:00,45.868\n2014-03-07 03:46:00,47.606\n");
        TimeSeries s = TimeSeriesCsv.read(f);
        assertThat(s.channels()).containsExactly("value");
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.timestamps()).containsExactly(1394163660000L, 1394163960000L);
        assertThat(s.rows()[1]).containsExactly(47.606);
        assertThat(s.timestampTexts()).containsExactly("2014-03-07 03:41:00", "2014-03-07 03:46:00");
    }

    @Test
    void readsSeveralChannelsWithTheTimestampColumnAnywhere() throws Exception {
        Path f = Files.writeString(tmp.resolve("multi.csv"),
                "\uFEFFtemperature,ts,vibration\n71.3,1763877354123,0.021\n\n71.4,2025-11-23T06:00:00Z,0.02\n");
        TimeSeries s = TimeSeriesCsv.read(f);
        assertThat(s.channels()).containsExactly("temperature", "vibration");
        assertThat(s.timestamps()).containsExactly(1763877354123L, 1763877600000L);
        assertThat(s.rows()[0]).containsExactly(71.3, 0.021);
    }

    @Test
    void acceptsTheTimestampFormsUsersSend() {
        assertThat(TimeSeriesCsv.parseTimestamp("2014-03-07 03:41:00.500000")).isEqualTo(1394163660500L);
        assertThat(TimeSeriesCsv.parseTimestamp("2014-03-07T03:41")).isEqualTo(1394163660000L);
        assertThat(TimeSeriesCsv.parseTimestamp("2014-03-07T04:41:00+01:00")).isEqualTo(1394163660000L);
        assertThat(TimeSeriesCsv.parseTimestamp("2014-03-07")).isEqualTo(1394150400000L);
    }

    @Test
    void badCellsAreReportedWithLineAndColumn() throws Exception {
        Path f = Files.writeString(tmp.resolve("bad.csv"), "timestamp,value\n2014-03-07 03:41:00,1\n2014-03-07 03:46:00,abc\n");
        assertThatThrownBy(() -> TimeSeriesCsv.read(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.csv line 3 column 'value': expected a finite number, got 'abc'");
        Path ts = Files.writeString(tmp.resolve("ts.csv"), "timestamp,value\nyesterday,1\n");
        assertThatThrownBy(() -> TimeSeriesCsv.read(ts)).hasMessageContaining("line 2 column 'timestamp': expected a timestamp");
        Path nan = Files.writeString(tmp.resolve("nan.csv"), "timestamp,value\n1,NaN\n");
        assertThatThrownBy(() -> TimeSeriesCsv.read(nan)).hasMessageContaining("expected a finite number, got 'NaN'");
        Path ragged = Files.writeString(tmp.resolve("ragged.csv"), "timestamp,value\n1,2,3\n");
        assertThatThrownBy(() -> TimeSeriesCsv.read(ragged)).hasMessageContaining("line 2: expected 2 columns");
        Path empty = Files.writeString(tmp.resolve("empty.csv"), "");
        assertThatThrownBy(() -> TimeSeriesCsv.read(empty)).hasMessageContaining("is empty");
        Path headerOnly = Files.writeString(tmp.resolve("h.csv"), "timestamp,value\n");
        assertThatThrownBy(() -> TimeSeriesCsv.read(headerOnly)).hasMessageContaining("no rows");
        Path oneColumn = Files.writeString(tmp.resolve("one.csv"), "timestamp\n1\n");
        assertThatThrownBy(() -> TimeSeriesCsv.read(oneColumn)).hasMessageContaining("has no value column");
    }
}
