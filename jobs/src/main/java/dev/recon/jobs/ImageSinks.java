package dev.recon.jobs;

import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DenoisedImage;
import dev.recon.operators.types.ImageAnomalyEvent;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the image job writes: one sink per output.
 *
 * @param anomalies anomaly events of anomalous images
 * @param deadLetters unusable input records
 * @param denoised reconstructed images, or {@code null} when they are not published
 */
public record ImageSinks(Sink<ImageAnomalyEvent> anomalies, Sink<DeadLetter> deadLetters, Sink<DenoisedImage> denoised) {

    /** Checks the required sinks. */
    public ImageSinks {
        Objects.requireNonNull(anomalies, "anomalies");
        Objects.requireNonNull(deadLetters, "deadLetters");
    }
}
