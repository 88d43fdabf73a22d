package dev.recon.operators.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RecordRejectedException;
import dev.recon.operators.types.SensorReading;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link ChannelMapping}. */
class ChannelMappingTest {

    private static SensorReading named(String[] channels, double... values) {
        return new SensorReading("pump-7", 1L, channels, values, "o", null);
    }

    @Test
    void reordersNamedValuesIntoTheModelsOrder() throws Exception {
        ChannelMapping mapping = new ChannelMapping(List.of("temp", "vib", "rpm"), "'m' version 1");
        double[] ordered = mapping.toModelOrder(named(new String[] {"rpm", "temp", "vib"}, 3, 1, 2));
        assertThat(ordered).containsExactly(1, 2, 3);
    }

    @Test
    void fitsAnUnnamedValueToAnyOneChannelModel() throws Exception {
        ChannelMapping mapping = new ChannelMapping(List.of("latency"), "'m' version 1");
        assertThat(mapping.toModelOrder(SensorReading.single("s", 1L, 4.5, "o", null))).containsExactly(4.5);
        // a named single channel must match the name
        assertThat(mapping.toModelOrder(named(new String[] {"latency"}, 2))).containsExactly(2);
    }

    @Test
    void namesMissingAndUnexpectedChannels() {
        ChannelMapping mapping = new ChannelMapping(List.of("temp", "vib"), "'m' version 1");
        assertThatThrownBy(() -> mapping.toModelOrder(named(new String[] {"temp", "rpm"}, 1, 2)))
                .isInstanceOf(RecordRejectedException.class)
                .satisfies(e -> assertThat(((RecordRejectedException) e).reason())
                        .isEqualTo(DeadLetterReason.CHANNEL_MISMATCH))
                .hasMessageContaining("'pump-7' has channels [temp, rpm]")
                .hasMessageContaining("model 'm' version 1 expects exactly [temp, vib]")
                .hasMessageContaining("missing [vib]")
                .hasMessageContaining("unexpected [rpm]");
    }

    @Test
    void rejectsAnUnnamedValueForAMultiChannelModel() {
        ChannelMapping mapping = new ChannelMapping(List.of("temp", "vib"), "'m' version 1");
        assertThatThrownBy(() -> mapping.toModelOrder(SensorReading.single("s", 1L, 1, "o", null)))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageContaining("one unnamed 'value'")
                .hasMessageContaining("expects channels [temp, vib]");
    }

    @Test
    void rejectsARepeatedChannel() {
        ChannelMapping mapping = new ChannelMapping(List.of("temp", "vib"), "'m' version 1");
        assertThatThrownBy(() -> mapping.toModelOrder(named(new String[] {"temp", "temp"}, 1, 2)))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageContaining("missing [vib]")
                .hasMessageContaining("repeated [temp]");
    }
}
