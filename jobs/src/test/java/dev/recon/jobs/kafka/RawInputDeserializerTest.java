package dev.recon.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.operators.types.RawInput;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Tests for {@link RawInputDeserializer}. */
class RawInputDeserializerTest {

    private static List<RawInput> deserialize(ConsumerRecord<byte[], byte[]> record) {
        List<RawInput> out = new ArrayList<>();
        new RawInputDeserializer().deserialize(record, new Collector<>() {
            @Override
            public void collect(RawInput input) {
                out.add(input);
            }

            @Override
            public void close() {}
        });
        return out;
    }

    @Test
    void keepsAnyBytesAndRecordsWhereTheyCameFrom() {
        byte[] garbage = {(byte) 0xff, 0, '{'};
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("sensor-readings", 3, 1207L, null, garbage);
        assertThat(deserialize(record)).singleElement().satisfies(input -> {
            assertThat(input.payload()).isEqualTo(garbage);
            assertThat(input.origin()).isEqualTo("sensor-readings/3@1207");
        });
    }

    @Test
    void passesARecordWithoutValueOn() {
        ConsumerRecord<byte[], byte[]> tombstone = new ConsumerRecord<>("t", 0, 5L, "k".getBytes(), null);
        assertThat(deserialize(tombstone)).singleElement()
                .satisfies(input -> assertThat(input.payload()).isNull());
    }

    @Test
    void producesTheRawInputPojoType() {
        assertThat(new RawInputDeserializer().getProducedType()).isEqualTo(RawInput.TYPE_INFO);
    }
}
