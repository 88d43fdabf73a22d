package dev.recon.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.jobs.StartingOffsets;
import dev.recon.jobs.TimeSeriesJobConfig;
import dev.recon.model.testing.TestBundles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link TimeSeriesKafka}. */
class TimeSeriesKafkaTest {

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("deprecation") // OffsetResetStrategy: what the connector's API returns
    void mapsStartingOffsets() {
        assertThat(TimeSeriesKafka.startingOffsets(StartingOffsets.EARLIEST).getAutoOffsetResetStrategy())
                .isEqualTo(OffsetResetStrategy.EARLIEST);
        assertThat(TimeSeriesKafka.startingOffsets(StartingOffsets.LATEST).getAutoOffsetResetStrategy())
                .isEqualTo(OffsetResetStrategy.LATEST);
        // committed offsets, falling back to the earliest for a new group
        assertThat(TimeSeriesKafka.startingOffsets(StartingOffsets.COMMITTED).getAutoOffsetResetStrategy())
                .isEqualTo(OffsetResetStrategy.EARLIEST);
    }

    @Test
    void buildsSourceAndSinksForEveryDeliveryGuarantee() throws Exception {
        Path bundle = TestBundles.writeDense(tmp.resolve("b"), List.of("v"), 4, 1, 1);
        for (String guarantee : List.of("none", "at-least-once", "exactly-once")) {
            TimeSeriesJobConfig config = TimeSeriesJobConfig.of(Map.of(
                    "kafka.bootstrap-servers", "127.0.0.1:1", "model.bundle", bundle.toString(),
                    "delivery.guarantee", guarantee, "kafka.client.linger.ms", "5"));
            assertThat(TimeSeriesKafka.readingsSource(config)).isNotNull();
            assertThat(TimeSeriesKafka.anomalySink(config)).isNotNull();
            assertThat(TimeSeriesKafka.deadLetterSink(config)).isNotNull();
        }
    }
}
