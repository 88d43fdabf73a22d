package dev.recon.trainer.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.testing.TestBundles;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ScoredSeriesCsv} and {@link ChannelAlignment}. */
class ScoredSeriesCsvTest {

    @TempDir
    Path tmp;

    @Test
    void writesOneRowPerInputRowWithZeroBeforeTheFirstWindow() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 10; i++) {
            csv.append("2014-03-07 03:").append(10 + i).append(":00,").append(i * 1.5).append('\n');
        }
        Path data = Files.writeString(tmp.resolve("d.csv"), csv);
        Path bundle = TestBundles.writeDense(tmp.resolve("b"), List.of("temperature"), 4, 1, 0.0);
        try (LoadedModel model = ModelBundle.load(bundle).open()) {
            ScoredSeriesCsv.Summary s = ScoredSeriesCsv.write(TimeSeriesCsv.read(data), model, tmp.resolve("out/s.csv"));
            assertThat(s.rows()).isEqualTo(10);
            assertThat(s.scoredRows()).isEqualTo(7);
        }
        List<String> lines = Files.readAllLines(tmp.resolve("out/s.csv"));
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).isEqualTo("timestamp,value,score,threshold,is_anomaly");
        assertThat(lines.get(1)).isEqualTo("2014-03-07 03:10:00,0.0,0.0,0.0,0");
        assertThat(lines.get(3)).startsWith("2014-03-07 03:12:00,3.0,0.0,");
        String[] fourth = lines.get(4).split(",");
        assertThat(Double.parseDouble(fourth[2])).isPositive();
        assertThat(fourth[4]).isEqualTo("1"); // threshold 0: any error is an anomaly
    }

    @Test
    void reordersNamedChannelsAndRejectsMismatches() {
        TimeSeries s = new TimeSeries("f.csv", List.of("b", "a"), new long[] {1}, new double[][] {{2, 1}}, null);
        assertThat(ChannelAlignment.align(s, List.of("a", "b"))[0]).containsExactly(1, 2);
        assertThatThrownBy(() -> ChannelAlignment.align(s, List.of("a", "c")))
                .hasMessageContaining("f.csv has columns [b, a] but the model expects channels [a, c]; missing [c]; unexpected [b]");
    }
}
