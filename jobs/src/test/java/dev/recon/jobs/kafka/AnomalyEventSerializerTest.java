package dev.recon.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.operators.events.AnomalyEventJson;
import dev.recon.operators.types.AnomalyEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Tests for {@link AnomalyEventSerializer}. */
class AnomalyEventSerializerTest {

    @Test
    void writesTheJsonEventKeyedBySensor() {
        AnomalyEvent event = new AnomalyEvent("pump-7", 1L, 9L, 0.5, 0.25, 2, "m", "3", new String[] {"v"},
                new double[] {0.5}, 4L, null);
        ProducerRecord<byte[], byte[]> record = new AnomalyEventSerializer("anomalies").serialize(event, null, 9L);
        assertThat(record.topic()).isEqualTo("anomalies");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("pump-7");
        assertThat(AnomalyEventJson.decode(record.value())).isEqualTo(event);
        assertThat(record.timestamp()).isNull();
    }
}
