package dev.recon.cli.produce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.cli.ReconCli;
import dev.recon.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recon produce} against a real broker: CSV replay (by rate and by timestamps) and the synthetic fleet. */
class ProduceCommandITCase {

    @TempDir
    Path tmp;

    @Test
    void replaysEveryRowInOrderKeyedBySensor() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 50; i++) {
            csv.append("2014-03-07 03:").append(String.format("%02d", i)).append(":00,").append(i).append('\n');
        }
        Path data = Files.writeString(tmp.resolve("d.csv"), csv);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopic("readings", 1);
            int status = ReconCli.run("produce", "--data", data.toString(), "--topic", "readings", "--sensor-id", "s-1",
                    "--rate", "500", "--bootstrap", broker.bootstrapServers());
            assertThat(status).isZero();

            Properties p = broker.clientProperties();
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "t");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of("readings"));
                long deadline = System.currentTimeMillis() + 20_000;
                while (records.size() < 50 && System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
            }
            assertThat(records).hasSize(50);
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < 50; i++) {
                JsonNode n = json.readTree(records.get(i).value());
                assertThat(records.get(i).key()).isEqualTo("s-1");
                assertThat(n.get("sensorId").asText()).isEqualTo("s-1");
                assertThat(n.get("value").asDouble()).isEqualTo(i);
                assertThat(n.get("ts").asLong()).isEqualTo(1394161200000L + 60_000L * i);
            }
        }
    }

    @Test
    void generatesASyntheticFleetWithItsGroundTruth() throws Exception {
        Path truth = tmp.resolve("truth.json");
        Path training = tmp.resolve("train.csv");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopic("fleet", 2);
            int status = ReconCli.run("produce", "--synthetic", "--sensors", "3", "--readings", "500", "--anomalies", "2",
                    "--start", "1700000000000", "--ground-truth", truth.toString(), "--training-csv", training.toString(),
                    "--topic", "fleet", "--as-fast-as-possible", "--bootstrap", broker.bootstrapServers());
            assertThat(status).isZero();
            List<ConsumerRecord<String, byte[]>> records = readAll(broker, "fleet", 1500);
            assertThat(records).hasSize(1500);
            assertThat(records.stream().map(ConsumerRecord::key).distinct())
                    .containsExactlyInAnyOrder("sensor-0001", "sensor-0002", "sensor-0003");
            JsonNode first = new ObjectMapper().readTree(records.get(0).value());
            assertThat(first.get("ts").asLong()).isEqualTo(1700000000000L);
            assertThat(first.get("value").isNumber()).isTrue();
        }
        JsonNode anomalies = new ObjectMapper().readTree(truth.toFile());
        assertThat(anomalies).hasSize(6);
        assertThat(anomalies.get(0).get("kind").asText()).isEqualTo("spike");
        assertThat(anomalies.get(0).get("start").asLong()).isGreaterThanOrEqualTo(1700000000000L + 150 * 1000L);
        assertThat(Files.readAllLines(training)).hasSize(151).first().isEqualTo("timestamp,value");
    }

    @Test
    void replaysAtThePaceOfTheTimestamps() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 11; i++) {
            csv.append(1_700_000_000_000L + 60_000L * i).append(',').append(i).append('\n');
        }
        Path data = Files.writeString(tmp.resolve("paced.csv"), csv);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopic("paced", 1);
            long start = System.nanoTime();
            // ten minutes of readings at 600x: one second
            int status = ReconCli.run("produce", "--data", data.toString(), "--topic", "paced", "--sensor-id", "s",
                    "--speedup", "600", "--bootstrap", broker.bootstrapServers());
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(status).isZero();
            assertThat(seconds).isGreaterThanOrEqualTo(1.0);
            assertThat(readAll(broker, "paced", 11)).hasSize(11);
        }
    }

    @Test
    void publishesImagesFromAnIdxFileToTheImagesTopic() throws Exception {
        // three 2 x 2 grayscale images and their labels, in IDX format
        java.io.ByteArrayOutputStream images = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(images);
        out.writeInt(0x00000803);
        out.writeInt(3);
        out.writeInt(2);
        out.writeInt(2);
        for (int i = 0; i < 12; i++) {
            out.writeByte(i * 20);
        }
        Path idx = Files.write(tmp.resolve("images.idx3"), images.toByteArray());
        Path labels = Files.write(tmp.resolve("labels.idx1"), new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 5, 6, 7});
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopic("images", 1);
            int status = ReconCli.run("produce", "--images", idx.toString(), "--labels", labels.toString(),
                    "--source-id", "cam-9", "--image-format", "raw-u8", "--as-fast-as-possible",
                    "--bootstrap", broker.bootstrapServers());
            assertThat(status).isZero();
            List<ConsumerRecord<String, byte[]>> records = readAll(broker, "images", 3);
            assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.key()).isEqualTo("cam-9"));
            JsonNode last = new ObjectMapper().readTree(records.get(2).value());
            assertThat(last.get("format").asText()).isEqualTo("raw-u8");
            assertThat(last.get("label").asInt()).isEqualTo(7);
            assertThat(java.util.Base64.getDecoder().decode(last.get("data").asText()))
                    .containsExactly((byte) 160, (byte) 180, (byte) 200, (byte) 220);
        }
        assertThat(ReconCli.run("produce", "--data", "x.csv", "--labels", "l", "--bootstrap", "127.0.0.1:1"))
                .isEqualTo(2);
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(EmbeddedKafkaBroker broker, String topic, int expected) {
        Properties p = broker.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "t-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (records.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
