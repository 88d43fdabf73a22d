package dev.recon.jobs;

import dev.recon.operators.types.AnomalyEvent;
import dev.recon.operators.types.DeadLetter;
import dev.recon.operators.types.DenoisedWindow;
import dev.recon.operators.types.IncidentEvent;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the time-series job writes: one sink per output.
 *
 * @param anomalies anomaly events
 * @param incidents incident-open and incident-closed events
 * @param deadLetters unusable input records
 * @param denoised reconstructions, or {@code null} when they are not published
 */
public record TimeSeriesSinks(
        Sink<AnomalyEvent> anomalies,
        Sink<IncidentEvent> incidents,
        Sink<DeadLetter> deadLetters,
        Sink<DenoisedWindow> denoised) {

    /** Checks the required sinks. */
    public TimeSeriesSinks {
        Objects.requireNonNull(anomalies, "anomalies");
        Objects.requireNonNull(incidents, "incidents");
        Objects.requireNonNull(deadLetters, "deadLetters");
    }
}
