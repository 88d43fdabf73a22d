package dev.recon.cli.produce;

import dev.recon.trainer.data.ImageSet;
import java.util.function.LongConsumer;

/** Publishes the images of a set to a topic, keyed by source id, one every {@code intervalMs} of event time. */
public final class ImageReplay {

    private final String bootstrap;
    private final String topic;
    private final Pacing pacing;

    /** A replay to {@code topic} at {@code pacing}. */
    public ImageReplay(String bootstrap, String topic, Pacing pacing) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.pacing = pacing;
    }

    /**
     * Sends every image and waits until the broker acknowledged all of them.
     *
     * @param start event time of the first image (epoch ms)
     * @param intervalMs event time between images
     * @return images sent
     */
    public long run(ImageSet images, ImageMessageEncoder encoder, String sourceId, long start, long intervalMs,
            LongConsumer progress) throws InterruptedException {
        long lastReport = System.nanoTime();
        try (PacedSender sender = new PacedSender(bootstrap, topic, pacing)) {
            for (int i = 0; i < images.size(); i++) {
                long since = i * intervalMs;
                if (!sender.send(i, since, sourceId, encoder.encode(i, start + since))) {
                    break;
                }
                if (System.nanoTime() - lastReport >= 1_000_000_000L) {
                    progress.accept(i + 1);
                    lastReport = System.nanoTime();
                }
            }
            sender.finish();
        }
        progress.accept(images.size());
        return images.size();
    }
}
