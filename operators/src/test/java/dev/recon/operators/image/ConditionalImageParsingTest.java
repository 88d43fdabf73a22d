package dev.recon.operators.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.model.arch.Conditions;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RawInput;
import dev.recon.operators.types.RecordRejectedException;
import dev.recon.operators.types.ScaledImage;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Tests for the condition of images decoded for a conditional model ({@code cvae}), by
 * {@link ImageDecoder} and in the {@link ImageParser} operator.
 */
class ConditionalImageParsingTest {

    private static final ImageShape SHAPE = new ImageShape(1, 8, 8);
    /** Labels 3 and 7: condition 0 is label 3, condition 1 label 7. */
    private static final Conditions NAMED = Conditions.ofLabels(List.of(3, 7));

    /** A raw 8 x 8 image message with {@code extra} JSON fields (e.g. {@code "label": 3}). */
    private static byte[] message(String extra) {
        String raw = new String(TestImages.rawMessage("camera-1", 8, 8, 1, new byte[64]),
                java.nio.charset.StandardCharsets.UTF_8);
        return TestImages.utf8(extra.isEmpty() ? raw : raw.substring(0, raw.length() - 1) + ", " + extra + "}");
    }

    private static ScaledImage decode(Conditions conditions, String extra) throws RecordRejectedException {
        return new ImageDecoder(SHAPE, conditions, 4096, 1024).decode(message(extra), "images/0@1");
    }

    private static RecordRejectedException rejection(Conditions conditions, String extra) {
        try {
            decode(conditions, extra);
        } catch (RecordRejectedException e) {
            return e;
        }
        throw new AssertionError("accepted " + extra);
    }

    @Test
    void theLabelOrTheConditionFieldBecomesTheConditionIndex() throws Exception {
        assertThat(decode(NAMED, "\"label\": 7").condition()).isEqualTo(1);
        assertThat(decode(NAMED, "\"label\": \"3\"").condition()).isZero();
        assertThat(decode(NAMED, "\"label\": 7.0").condition()).as("a whole double").isEqualTo(1);
        assertThat(decode(NAMED, "\"label\": 3, \"condition\": 7").condition()).as("condition wins").isEqualTo(1);
        Conditions animals = new Conditions(2, List.of("cat", "dog"));
        assertThat(decode(animals, "\"condition\": \"dog\"").condition()).isEqualTo(1);
        Conditions indexed = new Conditions(10, null);
        assertThat(decode(indexed, "\"label\": 9").condition()).isEqualTo(9);
        // an unconditional model ignores both fields, even malformed ones
        ScaledImage plain = decode(null, "\"label\": {\"x\": 1}");
        assertThat(plain.conditioned()).isFalse();
        assertThat(plain.condition()).isEqualTo(ScaledImage.NO_CONDITION);
    }

    @Test
    void anImageWithoutAUsableConditionIsRejectedSayingWhy() {
        RecordRejectedException missing = rejection(NAMED, "");
        assertThat(missing.reason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(missing.detail()).contains("'condition' and 'label' are missing; the model is conditional (cvae)")
                .contains("one of [3, 7]");
        RecordRejectedException unknown = rejection(NAMED, "\"label\": 4");
        assertThat(unknown.reason()).isEqualTo(DeadLetterReason.UNKNOWN_CONDITION);
        assertThat(unknown.detail()).isEqualTo("'label' is a number (4), which is not a condition of the model;"
                + " expected one of [3, 7]");
        assertThat(rejection(new Conditions(10, null), "\"condition\": \"cat\"").detail())
                .contains("'condition' is a string (\"cat\"), which is not a condition").contains("integers 0 to 9");
        for (String bad : List.of("\"label\": null", "\"label\": true", "\"label\": 3.5", "\"label\": \" \"",
                "\"label\": [3]")) {
            RecordRejectedException e = rejection(NAMED, bad);
            assertThat(e.reason()).as(bad).isEqualTo(DeadLetterReason.INVALID_FIELD);
            assertThat(e.detail()).as(bad).contains("not an integer or a non-empty string");
        }
    }

    @Test
    void theParserDeadLettersImagesWithoutAUsableCondition() throws Exception {
        OneInputStreamOperatorTestHarness<RawInput, ScaledImage> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new ImageParser(SHAPE, NAMED, 4096, 1024));
        try (harness) {
            byte[] good = message("\"label\": 7");
            byte[] unknown = message("\"label\": 5");
            byte[] missing = message("");
            harness.processElement(new StreamRecord<>(new RawInput(good, "images/0@0", 1000), 1000));
            harness.processElement(new StreamRecord<>(new RawInput(unknown, "images/0@1", 1001), 1001));
            harness.processElement(new StreamRecord<>(new RawInput(missing, "images/0@2", 1002), 1002));

            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(image -> assertThat(image.condition()).isEqualTo(1));
            List<DeadLetter> dead = harness.getSideOutput(ImageParser.DEAD_LETTERS).stream()
                    .map(StreamRecord::getValue).toList();
            assertThat(dead).extracting(DeadLetter::reason)
                    .containsExactly(DeadLetterReason.UNKNOWN_CONDITION, DeadLetterReason.MISSING_FIELD);
            assertThat(dead.get(0).payload()).isEqualTo(unknown);
            assertThat(dead.get(0).detail()).contains("not a condition of the model");
            var accumulators = harness.getEnvironment().getAccumulatorRegistry().getUserMap();
            assertThat(accumulators.get(ReconMetrics.DEAD_LETTERS_ACCUMULATOR).getLocalValue()).isEqualTo(2L);
        }
        assertThatThrownBy(() -> new ScaledImage("c", 1, new float[1], "o", -2))
                .hasMessageContaining("must be an index >= 0, or -1 for none");
    }
}
