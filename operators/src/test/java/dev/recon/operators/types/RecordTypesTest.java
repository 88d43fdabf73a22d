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
 * Tests for the stream records of {@code dev.recon.operators.types}: each is a Flink POJO type (so
 * no Kryo and a schema-evolvable serializer) or, for the records that cross the network per reading
 * or per window, has a hand-written {@link RecordSerializer}; each survives a round trip through its
 * serializer.
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
                Arguments.of(SensorReading.TYPE_INFO, SensorReading.single("s\u00e9", 8L, -0.0, "t/1@5", null)),
                Arguments.of(RawWindow.TYPE_INFO, new RawWindow("s", new long[] {10, 20, 30},
                        new double[] {1, 2, 3, 4, 5, Double.MIN_VALUE})),
                Arguments.of(RawWindow.TYPE_INFO, new RawWindow("s", new long[] {10, 20, 35}, new double[] {1, 2, 3})),
                Arguments.of(RawWindow.TYPE_INFO, new RawWindow("s", new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE},
                        new double[] {1, 2, 3})),
                Arguments.of(RawWindow.TYPE_INFO, new RawWindow("s", new long[] {7}, new double[] {-1})),
                Arguments.of(DeadLetter.TYPE_INFO, new DeadLetter(PAYLOAD, DeadLetterReason.INVALID_JSON,
                        "bad", "t/0@9", 10L, 11L)),
                Arguments.of(DeadLetter.TYPE_INFO, new DeadLetter(null, DeadLetterReason.EMPTY_PAYLOAD,
                        "none", "t/0@9", 10L, 11L)),
                Arguments.of(ScoredWindow.TYPE_INFO, new ScoredWindow("s", 1L, 9L, 0.5, 0.25, true,
                        new String[] {"a", "b"}, new double[] {0.7, 0.3}, 4L, "m", "2",
                        new double[] {20.5, 3.25})),
                Arguments.of(AnomalyEvent.TYPE_INFO, new AnomalyEvent("s", 1L, 9L, 0.5, 0.25, 2.0, "m", "2",
                        new String[] {"a"}, new double[] {0.5}, 4L, null)),
                Arguments.of(AnomalyEvent.TYPE_INFO, new AnomalyEvent("s", 1L, 9L, 0.5, 0.25, 2.0, "m", "2",
                        new String[] {"a"}, new double[] {0.5}, 4L,
                        new AnomalyEvent.Alarm("onset-likelihood", 1.7, 1.2, 2.0, 0.85, true))));
    }

    @ParameterizedTest
    @MethodSource("samples")
    <T> void isNoGenericTypeAndRoundTripsThroughItsSerializer(TypeInformation<T> type, T value) throws Exception {
        assertThat(type).isInstanceOfAny(PojoTypeInfo.class, RecordTypeInfo.class);
        assertThat(TypeInformation.of(type.getTypeClass())).isEqualTo(type);
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T copy = serializer.deserialize(in);
        assertThat(copy).isEqualTo(value).isNotSameAs(value);
        assertThat(serializer.deserialize(in)).as("a second record in the same buffer").isEqualTo(value);
        assertThat(in.available()).isZero();
        assertThat(serializer.copy(value)).isEqualTo(value);
        TypeSerializer<T> restored = serializer.snapshotConfiguration().restoreSerializer();
        assertThat(restored).isEqualTo(serializer);
        assertThat(restored.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(value);
    }
}
