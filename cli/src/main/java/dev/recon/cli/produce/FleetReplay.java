package dev.recon.cli.produce;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * Sends a {@link SyntheticFleet}'s readings to a Kafka topic in time order, every sensor's reading
 * of one instant before the next instant's, keyed by sensor id.
 */
public final class FleetReplay {

    private final String bootstrap;
    private final String topic;
    private final Pacing pacing;

    /** A replay to {@code topic} at {@code bootstrap}, paced by {@code pacing}. */
    public FleetReplay(String bootstrap, String topic, Pacing pacing) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.pacing = pacing;
    }

    /**
     * Sends every reading and waits until the broker acknowledged all of them.
     *
     * @param progress called with the number of records sent so far, about once a second
     * @return records sent
     */
    public long run(SyntheticFleet fleet, LongConsumer progress) throws InterruptedException {
        List<String> ids = fleet.sensorIds();
        SensorReadingEncoder[] encoders = ids.stream()
                .map(id -> new SensorReadingEncoder(id, List.of("value")))
                .toArray(SensorReadingEncoder[]::new);
        long sent = 0;
        long lastReport = System.nanoTime();
        double[] one = new double[1];
        try (PacedSender sender = new PacedSender(bootstrap, topic, pacing)) {
            outer:
            for (int i = 0; i < fleet.readings(); i++) {
                long ts = fleet.timestamp(i);
                for (int s = 0; s < ids.size(); s++) {
                    one[0] = fleet.value(s, i);
                    if (!sender.send(sent, ts - fleet.timestamp(0), ids.get(s), encoders[s].encode(ts, one))) {
                        break outer;
                    }
                    sent++;
                }
                long now = System.nanoTime();
                if (now - lastReport >= 1_000_000_000L) {
                    progress.accept(sent);
                    lastReport = now;
                }
            }
            sender.finish();
        }
        progress.accept(sent);
        return sent;
    }
}
