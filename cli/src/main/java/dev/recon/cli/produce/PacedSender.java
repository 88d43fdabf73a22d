package dev.recon.cli.produce;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends keyed records to one topic at a {@link Pacing}, and reports the first failed send. */
final class PacedSender implements AutoCloseable {

    private final String bootstrap;
    private final String topic;
    private final Pacing pacing;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final long start = System.nanoTime();

    PacedSender(String bootstrap, String topic, Pacing pacing) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.pacing = pacing;
        this.producer = new KafkaProducer<>(producerConfig(bootstrap));
    }

    /** Waits until record {@code index} is due, then sends it; false once a send has failed. */
    boolean send(long index, long sinceFirstMs, String key, byte[] value) throws InterruptedException {
        if (failure.get() != null) {
            return false;
        }
        long wait = start + pacing.dueNanos(index, sinceFirstMs) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
        return true;
    }

    /** Waits until the broker acknowledged every record sent; throws the first failure. */
    void finish() {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("sending to topic '" + topic + "' at " + bootstrap + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    static Properties producerConfig(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Fail within a minute when the broker is unreachable instead of retrying for the default two.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        return p;
    }
}
