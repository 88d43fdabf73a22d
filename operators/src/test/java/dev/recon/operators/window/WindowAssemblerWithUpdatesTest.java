package dev.recon.operators.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.testing.TestBundles;
import dev.recon.operators.scoring.SensorIdKey;
import dev.recon.operators.types.ModelAnnouncement;
import dev.recon.operators.types.RawWindow;
import dev.recon.operators.types.ScorerInput;
import dev.recon.operators.types.SensorReading;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link WindowAssemblerWithUpdates}: the assembler's windows with announcements relayed in order. */
class WindowAssemblerWithUpdatesTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    static Path tmp;

    private static WindowSpec spec;

    @BeforeAll
    static void spec() throws Exception {
        spec = WindowSpec.of(ModelBundle.load(TestBundles.writeDense(tmp.resolve("s"), List.of("v"), 2, 1, 1))
                .manifest());
    }

    private static StreamRecord<SensorReading> reading(int i) {
        long ts = T0 + 1000L * i;
        byte[] payload = ("{\"sensorId\":\"a\",\"ts\":" + ts + ",\"value\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        return new StreamRecord<>(SensorReading.single("a", ts, i, "r/0@" + i, payload), ts);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, SensorReading, String, ScorerInput> harness()
            throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new WindowAssemblerWithUpdates(new WindowAssembler(spec, LateRecordPolicy.DLQ, 60_000)),
                new SensorIdKey(), announcement -> "", Types.STRING);
    }

    @Test
    void relaysAnnouncementsInOrderWithTheWindowsAndIgnoresTheirWatermarks() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int i = 0; i < 3; i++) {
                h.processElement1(reading(i));
            }
            h.processWatermark1(new Watermark(T0 + 2000));
            h.processElement2(new StreamRecord<>("{\"model\": \"m\", \"bundle\": \"/b\"}"));
            h.processElement1(reading(3));
            h.processWatermark2(new Watermark(T0 + 9000)); // not the readings' time: nothing is released
            h.processWatermark1(new Watermark(T0 + 3000));
            List<ScorerInput> out = h.extractOutputValues();
            assertThat(out).hasSize(4);
            assertThat(out.subList(0, 2)).allSatisfy(w -> assertThat(w).isInstanceOf(RawWindow.class));
            assertThat(out.get(2)).isEqualTo(new ModelAnnouncement("{\"model\": \"m\", \"bundle\": \"/b\"}"));
            assertThat(((RawWindow) out.get(3)).end()).isEqualTo(T0 + 3000);
            assertThat(h.getOutput()).doesNotContain(new Watermark(T0 + 9000));
        }
    }

    @Test
    void restoresTheStateOfThePlainAssembler() throws Exception {
        OperatorSubtaskState snapshot;
        try (var plain = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new WindowAssembler(spec, LateRecordPolicy.DLQ, 60_000)),
                new SensorIdKey(), Types.STRING)) {
            plain.open();
            plain.processElement(reading(0));
            plain.processElement(reading(1)); // pending, with its timer
            snapshot = plain.snapshot(1L, 1L);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.processWatermark1(new Watermark(T0 + 1000));
            assertThat(h.extractOutputValues()).singleElement()
                    .satisfies(w -> assertThat(((RawWindow) w).values()).containsExactly(0, 1));
        }
    }
}
