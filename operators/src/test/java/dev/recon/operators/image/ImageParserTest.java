package dev.recon.operators.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RawInput;
import dev.recon.operators.types.ScaledImage;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link ImageParser} in an operator harness: outputs, dead letters and counts. */
class ImageParserTest {

    private OneInputStreamOperatorTestHarness<RawInput, ScaledImage> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new ImageParser(new ImageShape(1, 8, 8), 4096, 1024));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static RawInput raw(byte[] payload, long offset) {
        return new RawInput(payload, "images/0@" + offset, 1000 + offset);
    }

    @Test
    void emitsModelInputAndDeadLettersTheRestUnchanged() throws Exception {
        byte[] good = TestImages.pngMessage("camera-1", TestImages.png(TestImages.grayRamp(8, 8)));
        byte[] notJson = TestImages.utf8("{\"sourceId\": ");
        byte[] notPng = TestImages.utf8("{\"sourceId\": \"camera-2\", \"ts\": 5, \"format\": \"png\", \"data\": \""
                + TestImages.base64(new byte[] {1, 2, 3}) + "\"}");
        byte[] wrongCount = TestImages.rawMessage("camera-3", 8, 8, 1, new byte[10]);
        byte[] tooLarge = TestImages.rawMessage("camera-4", 64, 64, 1, new byte[1]);
        byte[] oversized = TestImages.rawMessage("camera-5", 60, 60, 1, new byte[3600]);
        harness.processElement(new StreamRecord<>(raw(good, 0), 1000));
        harness.processElement(new StreamRecord<>(raw(notJson, 1), 1001));
        harness.processElement(new StreamRecord<>(raw(null, 2), 1002));
        harness.processElement(new StreamRecord<>(raw(notPng, 3), 1003));
        harness.processElement(new StreamRecord<>(raw(wrongCount, 4), 1004));
        harness.processElement(new StreamRecord<>(raw(tooLarge, 5), 1005));
        harness.processElement(new StreamRecord<>(raw(oversized, 6), 1006));

        List<ScaledImage> images = harness.extractOutputValues();
        assertThat(images).singleElement().satisfies(image -> {
            assertThat(image.sourceId()).isEqualTo("camera-1");
            assertThat(image.pixels()).hasSize(64);
            assertThat(image.origin()).isEqualTo("images/0@0");
        });

        List<DeadLetter> dead = harness.getSideOutput(ImageParser.DEAD_LETTERS).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(dead).extracting(DeadLetter::reason).containsExactly(
                DeadLetterReason.INVALID_JSON, DeadLetterReason.EMPTY_PAYLOAD, DeadLetterReason.UNDECODABLE_IMAGE,
                DeadLetterReason.UNDECODABLE_IMAGE, DeadLetterReason.IMAGE_TOO_LARGE, DeadLetterReason.OVERSIZED);
        assertThat(dead.get(0).payload()).isEqualTo(notJson);
        assertThat(dead.get(0).origin()).isEqualTo("images/0@1");
        assertThat(dead.get(0).timestamp()).isEqualTo(1001);
        assertThat(dead.get(2).payload()).isEqualTo(notPng);
        assertThat(dead.get(3).detail()).contains("holds 10 bytes");
        assertThat(dead.get(5).payload()).isEqualTo(oversized);

        Map<String, Accumulator<?, ?>> accumulators = harness.getEnvironment().getAccumulatorRegistry().getUserMap();
        assertThat(accumulators.get(ReconMetrics.IMAGES_DECODED_ACCUMULATOR).getLocalValue()).isEqualTo(1L);
        assertThat(accumulators.get(ReconMetrics.DEAD_LETTERS_ACCUMULATOR).getLocalValue()).isEqualTo(6L);
    }
}
