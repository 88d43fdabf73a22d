package dev.recon.jobs;

import dev.recon.kafka.embedded.EmbeddedKafkaBroker;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Shared setup of the jobs' ITCases: per test class, one embedded Kafka broker ({@link #kafka}) and
 * one small MiniCluster with {@link #PARALLELISM} slots that the jobs submit to.
 */
abstract class KafkaJobITCaseBase {

    /** Slots of the MiniCluster, and the parallelism the ITCases run their jobs with. */
    static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .setConfiguration(flinkConfiguration())
            .build());

    /** The broker of the running test class; started before its own {@code @BeforeAll} methods. */
    static EmbeddedKafkaBroker kafka;

    private static Configuration flinkConfiguration() {
        Configuration configuration = new Configuration();
        // Running jobs report accumulators with TaskManager heartbeats; 10 s by default.
        configuration.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(500));
        return configuration;
    }

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }
}
