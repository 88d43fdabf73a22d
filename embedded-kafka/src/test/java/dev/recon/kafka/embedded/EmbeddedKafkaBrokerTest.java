package dev.recon.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void producesAndConsumesThroughARealBroker() throws Exception {
        broker.createTopics(List.of("sensor-readings"));

        List<String> sent = List.of(
                "{\"sensorId\":\"pump-7\",\"ts\":1,\"value\":71.3}",
                "{\"sensorId\":\"pump-7\",\"ts\":2,\"value\":71.4}",
                "{\"sensorId\":\"pump-7\",\"ts\":3,\"value\":99.9}");
        produce(broker, "sensor-readings", "pump-7", sent);

        List<ConsumerRecord<String, String>> received = consume(broker, "sensor-readings", 3);
        assertThat(received).extracting(ConsumerRecord::key).containsOnly("pump-7");
        assertThat(received).extracting(ConsumerRecord::value).containsExactlyElementsOf(sent);
        assertThat(received).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L);
    }

    @Test
    void createsTopicsWithThePartitionCountAndReplicationFactorOne() throws Exception {
        broker.createTopic("images", 3);
        // Creating an existing topic again is a no-op, so restarts can call it unconditionally.
        broker.createTopic("images", 3);

        try (Admin admin = broker.createAdmin()) {
            TopicDescription images = admin.describeTopics(List.of("images")).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get("images");
            assertThat(images.partitions()).hasSize(3);
            assertThat(images.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
        }
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
        assertThat(broker.brokerConfig().get("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:" + broker.port() + ",CONTROLLER://127.0.0.1:" + broker.controllerPort());

        try (Admin admin = broker.createAdmin()) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
            assertThat(nodes).extracting(Node::host).containsExactly("127.0.0.1");
            assertThat(nodes).extracting(Node::port).containsExactly(broker.port());
        }

        // Nothing answers on the machine's other addresses.
        for (InetAddress address : nonLoopbackAddresses()) {
            for (int port : new int[] {broker.port(), broker.controllerPort()}) {
                try (Socket socket = new Socket()) {
                    assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 500))
                            .as("connect to %s:%d", address, port)
                            .isInstanceOf(IOException.class);
                }
            }
        }
    }

    @Test
    void secondBrokerRunsConcurrentlyAndCloseIsIdempotent() throws Exception {
        EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start();
        Path dataDir = second.dataDir();
        try {
            assertThat(second.port()).isNotEqualTo(broker.port());
            assertThat(second.clusterId()).isNotEqualTo(broker.clusterId());
            assertThat(Files.isDirectory(dataDir)).isTrue();

            second.createTopic("second", 1);
            produce(second, "second", "k", List.of("on the second broker"));
            assertThat(consume(second, "second", 1)).extracting(ConsumerRecord::value)
                    .containsExactly("on the second broker");

            // The first broker does not know the second one's topic.
            try (Admin admin = broker.createAdmin()) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("second");
            }

        } finally {
            second.close();
        }
        second.close();
        assertThatThrownBy(() -> second.createTopic("late", 1)).isInstanceOf(IllegalStateException.class);
        // A temporary data directory goes away with the broker.
        assertThat(dataDir).doesNotExist();

        // The first broker is unaffected by the second one's shutdown.
        broker.createTopic("after-second", 1);
        produce(broker, "after-second", "k", List.of("still here"));
        assertThat(consume(broker, "after-second", 1)).extracting(ConsumerRecord::value).containsExactly("still here");
    }

    @Test
    void keepsAndReusesACallerGivenDataDirectory(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("kafka");
        String clusterId;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dataDir, Map.of("log.retention.hours", 1))) {
            clusterId = first.clusterId();
            assertThat(first.brokerConfig()).containsEntry("log.retention.hours", "1");
            first.createTopic("kept", 1);
            produce(first, "kept", "k", List.of("survives a restart"));
        }
        assertThat(dataDir.resolve("meta.properties")).exists();

        // Same directory, new ports: the formatted storage and the topic's data are reused.
        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.builder().dataDir(dataDir).start()) {
            assertThat(again.clusterId()).isEqualTo(clusterId);
            again.createTopic("kept", 1);
            assertThat(consume(again, "kept", 1)).extracting(ConsumerRecord::value).containsExactly("survives a restart");
        }
        assertThat(dataDir.resolve("meta.properties")).exists();
    }

    @Test
    void rejectsSettingsThatWouldMoveTheListeners() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().brokerProperty("listeners", "PLAINTEXT://0.0.0.0:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listeners");
    }

    static void produce(EmbeddedKafkaBroker target, String topic, String key, List<String> values) throws Exception {
        Properties props = target.clientProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
            }
        }
    }

    static List<ConsumerRecord<String, String>> consume(EmbeddedKafkaBroker source, String topic, int count) {
        Properties props = source.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        return NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLinkLocalAddress())
                .collect(Collectors.toList());
    }
}
