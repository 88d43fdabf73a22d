package dev.recon.operators.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.operators.types.IncidentEvent;
import dev.recon.operators.types.ScoredWindow;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link IncidentTracker}. */
class IncidentTrackerTest {

    private static final long QUIET = 10 * 60_000L;
    private static final long MINUTE = 60_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, ScoredWindow, IncidentEvent> h;

    @BeforeEach
    void open() throws Exception {
        h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new IncidentTracker(QUIET)),
                new ScoredWindowSensorKey(), Types.STRING);
        h.open();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static StreamRecord<ScoredWindow> window(String sensor, long minute, double score) {
        long end = minute * MINUTE;
        return new StreamRecord<>(new ScoredWindow(sensor, end - 5 * MINUTE, end, score, 1.0, score > 1.0,
                new String[] {"temp", "vib"}, new double[] {score, score / 10}, end - MINUTE, "m", "1",
                new double[] {20, 1}), end);
    }

    @Test
    void consecutiveAnomalousWindowsMakeOneIncidentThatClosesAfterTheQuietPeriod() throws Exception {
        h.processElement(window("a", 10, 0.5));
        h.processElement(window("a", 11, 2.0));
        h.processElement(window("a", 12, 5.0));
        h.processElement(window("a", 13, 3.0));
        h.processElement(window("a", 14, 0.5));
        h.processElement(window("a", 20, 1.5)); // within the quiet period: same incident
        h.processElement(window("a", 29, 0.5)); // 9 minutes after the last anomaly: still open
        assertThat(h.extractOutputValues()).extracting(IncidentEvent::type).containsExactly(IncidentEvent.OPEN);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);

        h.processElement(window("a", 30, 0.5)); // 10 minutes: closes
        assertThat(h.extractOutputValues()).extracting(IncidentEvent::type)
                .containsExactly(IncidentEvent.OPEN, IncidentEvent.CLOSED);
        IncidentEvent closed = h.extractOutputValues().get(1);
        assertThat(closed.start()).isEqualTo(11 * MINUTE);
        assertThat(closed.end()).isEqualTo(20 * MINUTE);
        assertThat(closed.windows()).isEqualTo(4);
        assertThat(closed.peakSeverity()).isEqualTo(5.0);
        assertThat(closed.peakTs()).isEqualTo(11 * MINUTE);
        assertThat(closed.channelErrorMap()).containsEntry("temp", 5.0).containsEntry("vib", 0.5);
        assertThat(closed.incidentId()).isEqualTo(h.extractOutputValues().get(0).incidentId());
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void theWatermarkClosesAnIncidentOfASensorThatWentQuiet() throws Exception {
        h.processElement(window("b", 10, 3.0));
        h.processWatermark(new Watermark(19 * MINUTE));
        assertThat(h.extractOutputValues()).hasSize(1);
        h.processWatermark(new Watermark(20 * MINUTE));
        assertThat(h.extractOutputValues()).extracting(IncidentEvent::type)
                .containsExactly(IncidentEvent.OPEN, IncidentEvent.CLOSED);
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void sensorsHaveTheirOwnIncidents() throws Exception {
        h.processElement(window("a", 10, 3.0));
        h.processElement(window("b", 10, 3.0));
        assertThat(h.extractOutputValues()).extracting(IncidentEvent::sensorId).containsExactly("a", "b");
    }
}
