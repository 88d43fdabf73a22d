package dev.recon.operators.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests for the image stream records: each is a Flink POJO type and survives its serializer. */
class ImageRecordTypesTest {

    private static final ScoredImage SCORED = new ScoredImage("cam", 5L, 0.5, 0.25, true, new String[] {"gray"},
            new double[] {0.5}, 3, 4, 0.9, 2, 2, new double[] {0.1, 0.2, 0.3, 0.4}, "m", "2");
    /** Scored by a conditional model, under its condition "7". */
    private static final ScoredImage CONDITIONED = new ScoredImage("cam", 6L, 0.5, 0.25, true, new String[] {"gray"},
            new double[] {0.5}, 3, 4, 0.9, 2, 2, new double[] {0.1, 0.2, 0.3, 0.4}, "m", "2", "7");

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(ScaledImage.TYPE_INFO, new ScaledImage("cam", 5L, new float[] {0, 0.5f, 1}, "i/0@1")),
                Arguments.of(ScaledImage.TYPE_INFO, new ScaledImage("cam", 6L, new float[] {1}, "i/0@2", 3)),
                Arguments.of(ScoredImage.TYPE_INFO, SCORED),
                Arguments.of(ScoredImage.TYPE_INFO, CONDITIONED),
                Arguments.of(ImageAnomalyEvent.TYPE_INFO, ImageAnomalyEvent.of(SCORED)),
                Arguments.of(ImageAnomalyEvent.TYPE_INFO, ImageAnomalyEvent.of(CONDITIONED)),
                Arguments.of(DenoisedImage.TYPE_INFO, new DenoisedImage("cam", 5L, 1, 1, 2, new float[] {0.1f, 0.2f},
                        "m", "2")));
    }

    @ParameterizedTest
    @MethodSource("samples")
    <T> void isAPojoTypeAndRoundTripsThroughItsSerializer(TypeInformation<T> type, T value) throws Exception {
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        T copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(copy).isEqualTo(value).isNotSameAs(value);
        assertThat(serializer.copy(value)).isEqualTo(value);
    }

    @Test
    void checksThatArraysLineUp() {
        assertThatThrownBy(() -> new ScoredImage("c", 1, 0, 0, false, new String[] {"gray"}, new double[] {0}, 0, 0,
                0, 2, 2, new double[3], "m", "1")).hasMessageContaining("2 x 2 cells has 3 values");
        assertThatThrownBy(() -> new DenoisedImage("c", 1, 1, 2, 2, new float[3], "m", "1"))
                .hasMessageContaining("3 pixel values for 1 channels x 2 x 2");
        assertThatThrownBy(() -> new ScaledImage("c", 1, new float[0], "o")).hasMessageContaining("no pixels");
        assertThat(ImageAnomalyEvent.of(SCORED).severity()).isEqualTo(2.0);
        assertThatThrownBy(() -> new ScoredImage("c", 1, 0, 0, false, new String[] {"gray"}, new double[] {0}, 0, 0,
                0, 1, 1, new double[1], "m", "1", " ")).hasMessageContaining("condition of the image of c is blank");
    }

    @Test
    void theEventCarriesTheConditionOfAConditionalModelsImage() {
        assertThat(SCORED.condition()).isNull();
        assertThat(ImageAnomalyEvent.of(SCORED).condition()).isNull();
        assertThat(ImageAnomalyEvent.of(CONDITIONED).condition()).isEqualTo("7");
        assertThat(ImageAnomalyEvent.of(CONDITIONED)).isNotEqualTo(ImageAnomalyEvent.of(new ScoredImage("cam", 6L, 0.5,
                0.25, true, new String[] {"gray"}, new double[] {0.5}, 3, 4, 0.9, 2, 2,
                new double[] {0.1, 0.2, 0.3, 0.4}, "m", "2", "8")));
        assertThat(ImageAnomalyEvent.of(CONDITIONED).toString()).contains("condition=7");
    }
}
