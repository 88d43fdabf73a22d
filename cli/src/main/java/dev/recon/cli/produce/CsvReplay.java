package dev.recon.cli.produce;

import dev.recon.trainer.data.TimeSeries;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replays a recorded series into a Kafka topic as one sensor's readings, keyed by sensor id, at a
 * fixed rate or as fast as the broker accepts them.
 */
public final class CsvReplay {

    /** Rate meaning "as fast as possible". */
    public static final double UNLIMITED = 0;

    private final String bootstrap;
    private final String topic;
    private final String sensorId;
    private final double ratePerSecond;

    /**
     * A replay.
     *
     * @param ratePerSecond records per second, or {@link #UNLIMITED}
     */
    public CsvReplay(String bootstrap, String topic, String sensorId, double ratePerSecond) {
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("invalid --rate: " + ratePerSecond + " (expected a positive number of records per second)");
        }
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.sensorId = sensorId;
        this.ratePerSecond = ratePerSecond;
    }

    /**
     * Sends every row and waits until the broker acknowledged all of them.
     *
     * @param progress called with the number of records sent so far, about once a second
     * @return records sent
     */
    public long run(TimeSeries series, LongConsumer progress) throws InterruptedException {
        SensorReadingEncoder encoder = new SensorReadingEncoder(sensorId, series.channels());
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long lastReport = start;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig())) {
            for (int i = 0; i < series.size(); i++) {
                if (failure.get() != null) {
                    break;
                }
                if (ratePerSecond != UNLIMITED) {
                    long due = start + (long) (i * 1e9 / ratePerSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                producer.send(new ProducerRecord<>(topic, sensorId, encoder.encode(series.timestamps()[i], series.rows()[i])),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                long now = System.nanoTime();
                if (now - lastReport >= 1_000_000_000L) {
                    progress.accept(i + 1);
                    lastReport = now;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("sending to topic '" + topic + "' at " + bootstrap + " failed: "
                    + failure.get().getMessage(), failure.get());
        }
        progress.accept(series.size());
        return series.size();
    }

    private Properties producerConfig() {
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
