package dev.recon.cli;

import dev.recon.cli.produce.CsvReplay;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon produce}: replays a CSV into Kafka as one sensor's readings. */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description = {
            "Replay a time-series CSV into a Kafka topic as sensor-readings JSON, keyed by sensor id.",
            "Each row becomes {\"sensorId\": ID, \"ts\": <row timestamp, epoch ms>, \"value\": v} (one value"
                    + " column) or {..., \"values\": {column: v, ...}} (several)."
        },
        sortOptions = false)
final class ProduceCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Series to replay (CSV).")
    Path data;

    @Option(names = "--topic", defaultValue = "sensor-readings", description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--sensor-id", required = true, paramLabel = "ID", description = "Sensor id: the record key and 'sensorId'.")
    String sensorId;

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @ArgGroup(exclusive = true)
    Pace pace = new Pace();

    static final class Pace {
        @Option(names = "--rate", paramLabel = "N", defaultValue = "1000",
                description = "Records per second (default: ${DEFAULT-VALUE}).")
        double rate = 1000;

        @Option(names = "--as-fast-as-possible", description = "Send without pacing.")
        boolean unlimited;
    }

    @Override
    public Integer call() throws Exception {
        if (!pace.unlimited && !(pace.rate > 0)) {
            throw new IllegalArgumentException("invalid --rate: " + pace.rate + " (expected > 0)");
        }
        TimeSeries series = TimeSeriesCsv.read(data);
        CsvReplay replay = new CsvReplay(bootstrap, topic, sensorId, pace.unlimited ? CsvReplay.UNLIMITED : pace.rate);
        long start = System.nanoTime();
        long sent = replay.run(series, n -> System.out.printf("sent %d/%d%n", n, series.size()));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("replayed %d readings of %s to %s as sensor '%s' in %.1f s (%.0f/s)%n",
                sent, data, topic, sensorId, seconds, sent / Math.max(seconds, 1e-9));
        return 0;
    }
}
