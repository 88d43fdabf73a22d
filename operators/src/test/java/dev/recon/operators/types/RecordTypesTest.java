package dev.recon.operators.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tests for the stream records of {@code dev.recon.operators.types}: each is a Flink POJO type
 * (so no Kryo and a schema-evolvable serializer) and survives a round trip through its serializer.
 */
class RecordTypesTest {

    private static final byte[] PAYLOAD = "{\"sensorId\":\"s\"}".getBytes(StandardCharsets.UTF_8);

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(RawInput.TYPE_INFO, new RawInput(PAYLOAD, "t/0@1", 5L)),
                Arguments.of(RawInput.TYPE_INFO, new RawInput(null, "t/0@2", 6L)),
                Arguments.of(SensorReading.TYPE_INFO, new SensorReading("s", 7L, new String[] {"a", "b"},
                        new double[] {1.5, -2}, "t/1@3", PAYLOAD)),
                Arguments.of(SensorReading.TYPE_INFO, SensorReading.single("s", 8L, 3.25, "t/1@4", PAYLOAD)),
                Arguments.of(DeadLetter.TYPE_INFO, new DeadLetter(PAYLOAD, DeadLetterReason.INVALID_JSON,
                        "bad", "t/0@9", 10L, 11L)),
                Arguments.of(DeadLetter.TYPE_INFO, new DeadLetter(null, DeadLetterReason.EMPTY_PAYLOAD,
                        "none", "t/0@9", 10L, 11L)),
                Arguments.of(ScoredWindow.TYPE_INFO, new ScoredWindow("s", 1L, 9L, 0.5, 0.25, true,
                        new String[] {"a", "b"}, new double[] {0.7, 0.3}, 4L, "m", "2")),
                Arguments.of(AnomalyEvent.TYPE_INFO, new AnomalyEvent("s", 1L, 9L, 0.5, 0.25, 2.0, "m", "2",
                        new String[] {"a"}, new double[] {0.5}, 4L)));
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
}
