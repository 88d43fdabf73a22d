package dev.recon.operators.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RawInput;
import dev.recon.operators.types.SensorReading;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link ReadingParser} in an operator harness: outputs, dead letters and counts. */
class ReadingParserTest {

    private OneInputStreamOperatorTestHarness<RawInput, SensorReading> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new ReadingParser(200));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static RawInput raw(String json, long offset) {
        return new RawInput(json == null ? null : json.getBytes(StandardCharsets.UTF_8), "r/0@" + offset, 1000 + offset);
    }

    @Test
    void emitsParsedReadingsAndDeadLettersTheRestUnchanged() throws Exception {
        String good = "{\"sensorId\": \"a\", \"ts\": 10, \"value\": 1.5}";
        String malformed = "{\"sensorId\": \"a\", \"ts\": 11, \"value\": ";
        String oversized = "{\"sensorId\": \"a\", \"ts\": 12, \"value\": 1, \"pad\": \"" + "x".repeat(200) + "\"}";
        harness.processElement(new StreamRecord<>(raw(good, 0), 1000));
        harness.processElement(new StreamRecord<>(raw(malformed, 1), 1001));
        harness.processElement(new StreamRecord<>(raw(null, 2), 1002));
        harness.processElement(new StreamRecord<>(raw(oversized, 3), 1003));
        harness.processElement(new StreamRecord<>(raw("{\"sensorId\": \"b\", \"ts\": 13, \"value\": NaN}", 4), 1004));

        List<SensorReading> readings = harness.extractOutputValues();
        assertThat(readings).singleElement().satisfies(r -> {
            assertThat(r.sensorId()).isEqualTo("a");
            assertThat(r.values()).containsExactly(1.5);
            assertThat(r.origin()).isEqualTo("r/0@0");
        });

        List<DeadLetter> dead = harness.getSideOutput(ReadingParser.DEAD_LETTERS).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(dead).extracting(DeadLetter::reason).containsExactly(
                DeadLetterReason.INVALID_JSON, DeadLetterReason.EMPTY_PAYLOAD,
                DeadLetterReason.OVERSIZED, DeadLetterReason.NON_FINITE_VALUE);
        assertThat(dead.get(0).payload()).isEqualTo(malformed.getBytes(StandardCharsets.UTF_8));
        assertThat(dead.get(0).origin()).isEqualTo("r/0@1");
        assertThat(dead.get(0).timestamp()).isEqualTo(1001);
        assertThat(dead.get(0).detail()).contains("not valid JSON");
        assertThat(dead.get(1).payload()).isNull();
        assertThat(dead.get(2).payload()).isEqualTo(oversized.getBytes(StandardCharsets.UTF_8));

        Map<String, Accumulator<?, ?>> accumulators = harness.getEnvironment().getAccumulatorRegistry().getUserMap();
        assertThat(accumulators.get(ReconMetrics.READINGS_PARSED_ACCUMULATOR).getLocalValue()).isEqualTo(1L);
        assertThat(accumulators.get(ReconMetrics.DEAD_LETTERS_ACCUMULATOR).getLocalValue()).isEqualTo(4L);
    }
}
