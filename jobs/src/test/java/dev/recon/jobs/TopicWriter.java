package dev.recon.jobs;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes test input to Kafka topics, in order, and waits until the broker has every record. */
final class TopicWriter {

    private TopicWriter() {}

    /** Sends {@code records} and flushes: when this returns, every record is acknowledged by all replicas. */
    static void produce(String bootstrapServers, List<ProducerRecord<String, byte[]>> records) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        // Right after topic creation the broker may still answer NOT_LEADER_OR_FOLLOWER; an idempotent
        // producer retrying then can wedge on OUT_OF_ORDER_SEQUENCE_NUMBER. One request in flight
        // keeps each key's order (the order within the partition is the order sent) without sequence numbers.
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            records.forEach(producer::send);
            producer.flush();
        }
    }
}
