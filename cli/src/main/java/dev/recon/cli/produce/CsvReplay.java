package dev.recon.cli.produce;

import dev.recon.trainer.data.TimeSeries;
import java.util.function.LongConsumer;

/**
 * Replays a recorded series into a Kafka topic as one sensor's readings, keyed by sensor id, at a
 * fixed rate, at the pace of its timestamps (sped up or not), or as fast as the broker accepts them.
 */
public final class CsvReplay {

    /** Rate meaning "as fast as possible". */
    public static final double UNLIMITED = 0;

    private final String bootstrap;
    private final String topic;
    private final String sensorId;
    private final Pacing pacing;

    /**
     * A replay at a fixed rate.
     *
     * @param ratePerSecond records per second, or {@link #UNLIMITED}
     */
    public CsvReplay(String bootstrap, String topic, String sensorId, double ratePerSecond) {
        this(bootstrap, topic, sensorId, ratePerSecond == UNLIMITED ? Pacing.unlimited() : Pacing.rate(ratePerSecond));
    }

    /** A replay at {@code pacing}. */
    public CsvReplay(String bootstrap, String topic, String sensorId, Pacing pacing) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.sensorId = sensorId;
        this.pacing = pacing;
    }

    /**
     * Sends every row and waits until the broker acknowledged all of them.
     *
     * @param progress called with the number of records sent so far, about once a second
     * @return records sent
     */
    public long run(TimeSeries series, LongConsumer progress) throws InterruptedException {
        SensorReadingEncoder encoder = new SensorReadingEncoder(sensorId, series.channels());
        long[] timestamps = series.timestamps();
        long lastReport = System.nanoTime();
        try (PacedSender sender = new PacedSender(bootstrap, topic, pacing)) {
            for (int i = 0; i < series.size(); i++) {
                if (!sender.send(i, timestamps[i] - timestamps[0], sensorId, encoder.encode(timestamps[i], series.rows()[i]))) {
                    break;
                }
                long now = System.nanoTime();
                if (now - lastReport >= 1_000_000_000L) {
                    progress.accept(i + 1);
                    lastReport = now;
                }
            }
            sender.finish();
        }
        progress.accept(series.size());
        return series.size();
    }
}
