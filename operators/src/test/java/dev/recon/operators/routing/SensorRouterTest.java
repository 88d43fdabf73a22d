package dev.recon.operators.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.SensorReading;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Tests for {@link SensorRouter} in an operator harness: first match wins, default, dead letters. */
class SensorRouterTest {

    private static final List<SensorPattern> ROUTES = List.of(
            SensorPattern.parse("pump-1*"), SensorPattern.parse("pump-*"), SensorPattern.parse("fan-?"));

    private static SensorReading reading(String sensor, long ts) {
        byte[] payload = ("{\"sensorId\":\"" + sensor + "\",\"ts\":" + ts + ",\"value\":1}")
                .getBytes(StandardCharsets.UTF_8);
        return SensorReading.single(sensor, ts, 1.0, "readings/0@" + ts, payload);
    }

    private static List<String> sensors(OneInputStreamOperatorTestHarness<SensorReading, SensorReading> h, int route) {
        return h.getSideOutput(SensorRouter.route(route)) == null ? List.of()
                : h.getSideOutput(SensorRouter.route(route)).stream().map(r -> r.getValue().sensorId()).toList();
    }

    @Test
    void theFirstMatchingRouteWinsAndTheRestGoToTheDefault() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new SensorRouter(ROUTES, true))) {
            for (String sensor : List.of("pump-12", "pump-2", "fan-a", "fan-ab", "boiler")) {
                h.processElement(new StreamRecord<>(reading(sensor, 10), 10));
            }
            assertThat(sensors(h, 0)).containsExactly("pump-12");
            assertThat(sensors(h, 1)).containsExactly("pump-2");
            assertThat(sensors(h, 2)).containsExactly("fan-a");
            assertThat(h.extractOutputValues()).extracting(SensorReading::sensorId).containsExactly("fan-ab", "boiler");
            assertThat(h.getSideOutput(SensorRouter.DEAD_LETTERS)).isNull();
        }
    }

    @Test
    void withoutADefaultAnUnmatchedReadingIsADeadLetterAndCounted() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new SensorRouter(ROUTES, false))) {
            SensorReading boiler = reading("boiler", 20);
            h.processElement(new StreamRecord<>(reading("pump-3", 10), 10));
            h.processElement(new StreamRecord<>(boiler, 20));

            assertThat(sensors(h, 1)).containsExactly("pump-3");
            assertThat(h.extractOutputValues()).isEmpty();
            List<DeadLetter> dead = h.getSideOutput(SensorRouter.DEAD_LETTERS).stream().map(StreamRecord::getValue)
                    .toList();
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.reason()).isEqualTo(DeadLetterReason.NO_MODEL);
                assertThat(d.payload()).isEqualTo(boiler.payload());
                assertThat(d.origin()).isEqualTo("readings/0@20");
                assertThat(d.timestamp()).isEqualTo(20);
                assertThat(d.detail()).isEqualTo("no model serves sensor 'boiler': it matches none of the routed"
                        + " patterns [pump-1*, pump-*, fan-?] and the job has no default model");
            });
            assertThat(h.getEnvironment().getAccumulatorRegistry().getUserMap()
                    .get(ReconMetrics.DEAD_LETTERS_ACCUMULATOR).getLocalValue()).isEqualTo(1L);
        }
    }

    @Test
    void aRouterRoutesSomewhere() {
        assertThatThrownBy(() -> new SensorRouter(List.of(), false)).hasMessageContaining("at least one route");
        assertThatThrownBy(() -> SensorRouter.route(-1)).hasMessageContaining(">= 0");
    }
}
