package dev.recon.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.jobs.config.ConfigException;
import dev.recon.jobs.config.Setting;
import dev.recon.model.testing.TestBundles;
import dev.recon.operators.image.ImageShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ImageJobConfig}: defaults, keys shared with the time-series job, validation messages. */
class ImageJobConfigTest {

    @TempDir
    static Path tmp;

    private static Path bundle;
    private static Path windows;

    @BeforeAll
    static void writeBundles() throws Exception {
        bundle = TestBundles.writeConv(tmp.resolve("images"), 8, 8, "transposed", 0.01);
        windows = TestBundles.writeDense(tmp.resolve("windows"), List.of("v"), 8, 2, 1.0);
    }

    private static Map<String, String> minimal() {
        Map<String, String> raw = new HashMap<>();
        raw.put("kafka.bootstrap-servers", "127.0.0.1:9092");
        raw.put("model.bundle", bundle.toString());
        return raw;
    }

    @Test
    void hasTheDocumentedDefaults() {
        ImageJobConfig config = ImageJobConfig.of(minimal());
        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.imagesTopic()).isEqualTo("images");
        assertThat(config.anomaliesTopic()).isEqualTo("anomalies");
        assertThat(config.deadLetterTopic()).isEqualTo("images.dlq");
        assertThat(config.groupId()).isEqualTo("recon-images");
        assertThat(config.startingOffsets()).isEqualTo(StartingOffsets.COMMITTED);
        assertThat(config.parallelism()).isEqualTo(1);
        assertThat(config.checkpointIntervalMs()).isEqualTo(5000L);
        assertThat(config.maxRecordBytes()).isEqualTo(1 << 20);
        assertThat(config.maxImagePixels()).isEqualTo(2048 * 2048);
        assertThat(config.jobName()).isEqualTo("recon-images");
        assertThat(config.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(config.transactionalIdPrefix()).isEqualTo("recon-images");
        assertThat(config.denoisedOutput()).isFalse();
        assertThat(config.denoisedTopic()).isEqualTo("denoised");
        assertThat(config.batchSize()).isEqualTo(64);
        assertThat(config.batchMaxWaitMs()).isEqualTo(50L);
        assertThat(config.errorGrid()).isEqualTo(4);
        assertThat(config.hotSwap()).isTrue();
        assertThat(config.modelUpdatesTopic()).isEqualTo("model-updates");
        assertThat(config.imageShape()).isEqualTo(new ImageShape(1, 8, 8));
        assertThat(config.modelBundle()).isEqualTo(bundle);
        assertThat(config.kafkaClientProperties()).isEmpty();
        assertThat(config.toString()).contains("images.dlq", "1 x 8 x 8");
    }

    @Test
    void sharesTheKeysOfTheTimeSeriesJob() {
        List<String> imageKeys = ImageJobConfig.SETTINGS.settings().stream().map(Setting::key).toList();
        List<String> seriesKeys = TimeSeriesJobConfig.SETTINGS.settings().stream().map(Setting::key).toList();
        assertThat(imageKeys).contains("kafka.bootstrap-servers", "topic.anomalies", "topic.dlq", "kafka.group-id",
                "kafka.starting-offsets", "model.bundle", "parallelism", "checkpoint.interval-ms",
                "input.max-record-bytes", "job.name", "delivery.guarantee", "kafka.transactional-id-prefix",
                "topic.denoised", "output.denoised", "inference.batch-size", "inference.max-wait-ms",
                "model.hot-swap", "topic.model-updates", "metrics.sensor-label-limit");
        assertThat(imageKeys).filteredOn(key -> !seriesKeys.contains(key))
                .as("keys only the image job has").containsExactlyInAnyOrder(
                        "topic.images", "input.max-image-pixels", "events.error-grid");
    }

    @Test
    void derivesTheDeadLetterTopicFromTheImagesTopicUnlessSet() {
        Map<String, String> raw = minimal();
        raw.put("topic.images", "line-4");
        assertThat(ImageJobConfig.of(raw).deadLetterTopic()).isEqualTo("line-4.dlq");
        raw.put("topic.dlq", "rejects");
        assertThat(ImageJobConfig.of(raw).deadLetterTopic()).isEqualTo("rejects");
    }

    @Test
    void readsAPropertiesFileWithArgumentOverrides() throws Exception {
        Path file = tmp.resolve("images.properties");
        Files.writeString(file, "kafka.bootstrap-servers=10.0.0.1:9092\nmodel.bundle=" + bundle.toString()
                .replace("\\", "\\\\") + "\nparallelism=4\nevents.error-grid=2\noutput.denoised=true\n"
                + "kafka.client.security.protocol=SSL\n");
        ImageJobConfig config = ImageJobConfig.fromArgs("--config", file.toString(), "--parallelism", "2",
                "--delivery.guarantee=exactly-once");
        assertThat(config.bootstrapServers()).isEqualTo("10.0.0.1:9092");
        assertThat(config.parallelism()).isEqualTo(2);
        assertThat(config.errorGrid()).isEqualTo(2);
        assertThat(config.denoisedOutput()).isTrue();
        assertThat(config.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(config.kafkaClientProperties()).containsEntry("security.protocol", "SSL");
        assertThat(ImageJobConfig.load(file, Map.of("job.name", "j")).jobName()).isEqualTo("j");
    }

    @Test
    void namesEachBadKeyAndValue() {
        Map<String, String> raw = minimal();
        raw.put("input.max-image-pixels", "0");
        raw.put("events.error-grid", "fine");
        raw.put("inference.batch-size", "0");
        raw.put("topic.images", " ");
        assertThatThrownBy(() -> ImageJobConfig.of(raw))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("4 problems")
                .hasMessageContaining("input.max-image-pixels = '0': expected an integer >= 1")
                .hasMessageContaining("events.error-grid = 'fine': expected an integer >= 1")
                .hasMessageContaining("inference.batch-size = '0': expected an integer >= 1")
                .hasMessageContaining("topic.images = ' ': expected a non-empty value");
    }

    @Test
    void requiresAnImageModelNamingTheKey() {
        Map<String, String> raw = minimal();
        raw.put("model.bundle", windows.toString());
        assertThatThrownBy(() -> ImageJobConfig.of(raw))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("model.bundle = '" + windows + "': model 'test-model' takes 'timeseries' input,"
                        + " not images; run it with the time-series job");
        assertThatThrownBy(() -> ImageJobConfig.of(Map.of()))
                .hasMessageContaining("kafka.bootstrap-servers: required but not set")
                .hasMessageContaining("model.bundle: required but not set");
        raw.put("model.bundle", tmp.resolve("nope").toString());
        assertThatThrownBy(() -> ImageJobConfig.of(raw)).hasMessageContaining("no such file or directory");
    }

    @Test
    void rejectsAKeyOfTheTimeSeriesJobItDoesNotHave() {
        Map<String, String> raw = minimal();
        raw.put("topic.readings", "sensor-readings");
        assertThatThrownBy(() -> ImageJobConfig.of(raw))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.readings = 'sensor-readings': unknown setting");
    }

    @Test
    void documentsEverySetting() {
        String help = ImageJobConfig.helpText();
        for (var setting : ImageJobConfig.SETTINGS.settings()) {
            assertThat(help).contains("--" + setting.key() + " ");
        }
        assertThat(help).contains("--kafka.client.<name>");
    }
}
