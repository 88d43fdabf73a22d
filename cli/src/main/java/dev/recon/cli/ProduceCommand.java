package dev.recon.cli;

import dev.recon.cli.produce.AnomalyKind;
import dev.recon.cli.produce.CsvReplay;
import dev.recon.cli.produce.FleetReplay;
import dev.recon.cli.produce.GroundTruthFiles;
import dev.recon.cli.produce.ImageMessageEncoder;
import dev.recon.cli.produce.ImageReplay;
import dev.recon.cli.produce.Pacing;
import dev.recon.cli.produce.SyntheticFleet;
import dev.recon.trainer.data.ImageFiles;
import dev.recon.trainer.data.ImageSet;
import dev.recon.trainer.data.TimeSeries;
import dev.recon.trainer.data.TimeSeriesCsv;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recon produce}: replays a CSV into Kafka as one sensor's readings, or generates a synthetic
 * fleet of sensors with injected anomalies and writes their ground truth.
 */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description = {
            "Publish sensor-readings JSON to Kafka, keyed by sensor id: replay a time-series CSV (--data) as one"
                    + " sensor, or generate a synthetic fleet (--synthetic) with injected anomalies and their ground truth.",
            "Each reading is {\"sensorId\": ID, \"ts\": <epoch ms>, \"value\": v} (one value column) or"
                    + " {..., \"values\": {column: v, ...}} (several); see docs/producers.md."
        },
        sortOptions = false)
final class ProduceCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--data", paramLabel = "FILE.csv", description = "Series to replay (CSV), as one sensor.")
        Path data;

        @Option(names = "--synthetic", description = "Generate a synthetic fleet with injected anomalies instead.")
        boolean synthetic;

        @Option(names = "--images", paramLabel = "FILE.idx3[.gz]|DIR",
                description = "Publish images (an IDX file or a folder of PNGs) to the images topic instead.")
        Path images;
    }

    @ArgGroup(exclusive = false, heading = "%nImages (with --images):%n")
    ImageOptions image = new ImageOptions();

    static final class ImageOptions {
        @Option(names = "--labels", paramLabel = "FILE.idx1[.gz]", description = "IDX labels; sent as \"label\".")
        Path labels;

        @Option(names = "--source-id", defaultValue = "camera-1",
                description = "The images' source id (record key and 'sourceId'; default: ${DEFAULT-VALUE}).")
        String sourceId = "camera-1";

        @Option(names = "--image-format", defaultValue = "png", description = "png or raw-u8 (default: ${DEFAULT-VALUE}).")
        String format = "png";

        @Option(names = "--image-interval-ms", defaultValue = "1000",
                description = "Event time between images, for 'ts' and --speedup (default: ${DEFAULT-VALUE}).")
        long intervalMs = 1000;

        @Option(names = "--limit", defaultValue = "0", description = "Send at most this many images (0: all).")
        int limit;
    }

    @Option(names = "--topic", description = "Topic (default: sensor-readings, or images with --images).")
    String topic;

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--sensor-id", paramLabel = "ID", description = "With --data: the sensor id (record key and 'sensorId').")
    String sensorId;

    @ArgGroup(exclusive = true)
    Pace pace = new Pace();

    static final class Pace {
        @Option(names = "--rate", paramLabel = "N", description = "Records per second (default: 1000).")
        Double rate;

        @Option(names = "--speedup", paramLabel = "X",
                description = "Follow the readings' timestamps X times faster (1 = real time, 60 = a minute per second).")
        Double speedup;

        @Option(names = "--as-fast-as-possible", description = "Send without pacing.")
        boolean unlimited;
    }

    @ArgGroup(exclusive = false, heading = "%nSynthetic fleet (with --synthetic):%n")
    Synthetic synthetic = new Synthetic();

    static final class Synthetic {
        @Option(names = "--sensors", defaultValue = "10", description = "Sensors (default: ${DEFAULT-VALUE}).")
        int sensors = 10;

        @Option(names = "--readings", defaultValue = "2000", description = "Readings per sensor (default: ${DEFAULT-VALUE}).")
        int readings = 2000;

        @Option(names = "--interval-ms", defaultValue = "1000",
                description = "Milliseconds between two readings of a sensor (default: ${DEFAULT-VALUE}).")
        long intervalMs = 1000;

        @Option(names = "--start", paramLabel = "EPOCH_MS",
                description = "Timestamp of the first reading (default: now minus the whole series' span, so it ends now).")
        Long start;

        @Option(names = "--anomalies", defaultValue = "3",
                description = "Anomalies per sensor; kinds taken in turn from --kinds (default: ${DEFAULT-VALUE}).")
        int anomalies = 3;

        @Option(names = "--kinds", split = ",", paramLabel = "KIND",
                description = "Anomaly kinds: spike, level-shift, drift, noise-burst, stuck, periodicity-change (default: all).")
        List<String> kinds;

        @Option(names = "--normal-fraction", defaultValue = "0.3",
                description = "Leading fraction of every sensor kept normal, for training (default: ${DEFAULT-VALUE}).")
        double normalFraction = 0.3;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed = 1;

        @Option(names = "--ground-truth", defaultValue = "ground-truth.csv", paramLabel = "FILE",
                description = "Where to write the injected anomalies: .csv or .json (default: ${DEFAULT-VALUE}).")
        Path groundTruth = Path.of("ground-truth.csv");

        @Option(names = "--training-csv", paramLabel = "FILE",
                description = "Also write the first sensor's normal readings as CSV, to train a model on (recon train --data).")
        Path trainingCsv;
    }

    @Override
    public Integer call() throws Exception {
        Pacing pacing = pacing();
        long startNanos = System.nanoTime();
        long sent;
        String what;
        String topic = this.topic != null ? this.topic : source.images != null ? "images" : "sensor-readings";
        if (source.images == null && image.labels != null) {
            throw new IllegalArgumentException("--labels is for --images");
        }
        if (source.images != null) {
            if (sensorId != null) {
                throw new IllegalArgumentException("--sensor-id is for --data; images are published as --source-id");
            }
            ImageSet images = ImageFiles.read(source.images, image.labels, 0, 0, 0);
            if (image.limit > 0 && image.limit < images.size()) {
                images = images.first(image.limit);
            }
            ImageSet chosen = images;
            ImageMessageEncoder encoder = new ImageMessageEncoder(chosen, image.sourceId,
                    ImageMessageEncoder.Format.parse(image.format));
            sent = new ImageReplay(bootstrap, topic, pacing).run(chosen, encoder, image.sourceId,
                    System.currentTimeMillis(), image.intervalMs, n -> System.out.printf("sent %d/%d%n", n, chosen.size()));
            what = "images of " + source.images + " as source '" + image.sourceId + "'";
        } else if (source.synthetic) {
            if (sensorId != null) {
                throw new IllegalArgumentException("--sensor-id is for --data; synthetic sensors are named sensor-0001, ...");
            }
            SyntheticFleet fleet = fleet();
            GroundTruthFiles.writeAnomalies(synthetic.groundTruth, fleet.anomalies());
            System.out.printf("ground truth: %d anomalies in %s%n", fleet.anomalies().size(), synthetic.groundTruth);
            if (synthetic.trainingCsv != null) {
                int rows = (int) Math.floor(fleet.readings() * fleet.normalFraction());
                GroundTruthFiles.writeSensorCsv(synthetic.trainingCsv, fleet, 0, rows);
                System.out.printf("training data: %d normal readings of %s in %s%n", rows, fleet.sensorIds().get(0),
                        synthetic.trainingCsv);
            }
            long total = (long) fleet.readings() * fleet.sensorIds().size();
            sent = new FleetReplay(bootstrap, topic, pacing).run(fleet, n -> System.out.printf("sent %d/%d%n", n, total));
            what = fleet.sensorIds().size() + " synthetic sensors";
        } else {
            if (sensorId == null || sensorId.isBlank()) {
                throw new IllegalArgumentException("--data needs --sensor-id ID (the record key and 'sensorId')");
            }
            TimeSeries series = TimeSeriesCsv.read(source.data);
            sent = new CsvReplay(bootstrap, topic, sensorId, pacing)
                    .run(series, n -> System.out.printf("sent %d/%d%n", n, series.size()));
            what = source.data + " as sensor '" + sensorId + "'";
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("replayed %d records: %s to %s in %.1f s (%.0f/s)%n",
                sent, what, topic, seconds, sent / Math.max(seconds, 1e-9));
        return 0;
    }

    private Pacing pacing() {
        if (pace.unlimited) {
            return Pacing.unlimited();
        }
        if (pace.speedup != null) {
            return Pacing.speedup(pace.speedup);
        }
        return Pacing.rate(pace.rate != null ? pace.rate : 1000);
    }

    private SyntheticFleet fleet() {
        List<AnomalyKind> kinds = synthetic.kinds == null || synthetic.kinds.isEmpty()
                ? Arrays.asList(AnomalyKind.values())
                : synthetic.kinds.stream().map(AnomalyKind::parse).toList();
        if (synthetic.readings < 1) {
            throw new IllegalArgumentException("invalid --readings: " + synthetic.readings + " (expected at least 1)");
        }
        long start = synthetic.start != null ? synthetic.start
                : System.currentTimeMillis() - (long) (synthetic.readings - 1) * synthetic.intervalMs;
        return SyntheticFleet.generate(synthetic.sensors, synthetic.readings, start, synthetic.intervalMs,
                synthetic.anomalies, kinds, synthetic.normalFraction, synthetic.seed);
    }
}
