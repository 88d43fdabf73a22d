package dev.recon.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.jobs.ImageJobConfig;
import dev.recon.model.testing.TestBundles;
import dev.recon.operators.events.ImageAnomalyEventJson;
import dev.recon.operators.types.DenoisedImage;
import dev.recon.operators.types.ImageAnomalyEvent;
import dev.recon.operators.types.ScoredImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ImageKafka} and the image serializers. */
class ImageKafkaTest {

    @TempDir
    Path tmp;

    @Test
    void buildsSourcesAndSinksForEveryDeliveryGuarantee() throws Exception {
        Path bundle = TestBundles.writeConv(tmp.resolve("b"), 8, 8, "transposed", 1);
        for (String guarantee : List.of("none", "at-least-once", "exactly-once")) {
            ImageJobConfig config = ImageJobConfig.of(Map.of(
                    "kafka.bootstrap-servers", "127.0.0.1:1", "model.bundle", bundle.toString(),
                    "delivery.guarantee", guarantee, "kafka.client.linger.ms", "5"));
            assertThat(ImageKafka.imagesSource(config)).isNotNull();
            assertThat(ImageKafka.modelUpdatesSource(config)).isNotNull();
            assertThat(ImageKafka.anomalySink(config)).isNotNull();
            assertThat(ImageKafka.denoisedSink(config)).isNotNull();
            assertThat(ImageKafka.deadLetterSink(config)).isNotNull();
        }
    }

    @Test
    void keysImageEventsByTheirSource() {
        ImageAnomalyEvent event = ImageAnomalyEvent.of(new ScoredImage("camera-3", 42L, 0.5, 0.1, true,
                new String[] {"gray"}, new double[] {0.5}, 1, 2, 0.9, 1, 1, new double[] {0.5}, "m", "1"));
        ProducerRecord<byte[], byte[]> record = new ImageAnomalyEventSerializer("anomalies").serialize(event, null, 7L);
        assertThat(record.topic()).isEqualTo("anomalies");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("camera-3");
        assertThat(record.timestamp()).isNull();
        assertThat(ImageAnomalyEventJson.decode(record.value())).isEqualTo(event);

        DenoisedImage image = new DenoisedImage("camera-3", 42L, 1, 2, 2, new float[] {0, 0.5f, 1, 0.25f}, "m", "1");
        ProducerRecord<byte[], byte[]> denoised = new DenoisedImageSerializer("denoised").serialize(image, null, 7L);
        assertThat(denoised.topic()).isEqualTo("denoised");
        assertThat(new String(denoised.key(), StandardCharsets.UTF_8)).isEqualTo("camera-3");
        assertThat(new String(denoised.value(), StandardCharsets.UTF_8)).contains("\"format\":\"png\"");
    }
}
