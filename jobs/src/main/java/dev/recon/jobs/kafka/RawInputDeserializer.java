package dev.recon.jobs.kafka;

import dev.recon.operators.types.RawInput;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Wraps every Kafka record, whatever its bytes, in a {@link RawInput}: the value unchanged, the
 * origin as {@code topic/partition@offset}, and the record's timestamp.
 *
 * <p>It never looks inside the value and never throws, so a bad record cannot fail the source (a
 * deserialisation exception there would restart the job and hit the same record again). Parsing,
 * and dead-lettering, happen downstream in {@code ReadingParser}.
 */
public final class RawInputDeserializer implements KafkaRecordDeserializationSchema<RawInput> {

    private static final long serialVersionUID = 1L;

    /** The origin of a record: {@code topic/partition@offset}. */
    public static String origin(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawInput> out) {
        out.collect(new RawInput(record.value(), origin(record.topic(), record.partition(), record.offset()),
                record.timestamp()));
    }

    @Override
    public TypeInformation<RawInput> getProducedType() {
        return RawInput.TYPE_INFO;
    }
}
