package dev.recon.operators.types;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One anomalous window, as published on the {@code anomalies} topic (see ARCHITECTURE.md for the
 * JSON; {@code dev.recon.operators.events.AnomalyEventJson} writes and reads it).
 *
 * @param sensorId the sensor
 * @param windowStart timestamp of the oldest reading in the window (epoch milliseconds)
 * @param windowEnd timestamp of the newest reading in the window (epoch milliseconds)
 * @param score the reconstruction error
 * @param threshold the model's threshold
 * @param severity {@code score / threshold}; infinite (or NaN) when the threshold is 0
 * @param model the model's name
 * @param modelVersion the model's version
 * @param channels the model's channel names, in the model's order (JSON: the keys of {@code channels})
 * @param channelErrors mean squared error of each channel (JSON: the values of {@code channels})
 * @param peakTs timestamp of the step with the largest error
 * @param alarm the alarm rule's numbers when an alarm rule, not the threshold, made this an event;
 *     {@code null} otherwise
 */
public record AnomalyEvent(
        String sensorId,
        long windowStart,
        long windowEnd,
        double score,
        double threshold,
        double severity,
        String model,
        String modelVersion,
        String[] channels,
        double[] channelErrors,
        long peakTs,
        Alarm alarm) {

    /**
     * What an alarm rule saw ({@code alarm.mode}, docs/streaming.md).
     *
     * @param rule the rule's name ({@code onset-likelihood})
     * @param score the window's anomaly score in [0, 1]: {@code 1 - exp(-onset x likelihood)}, as {@code recon score} writes it
     * @param level the level the score reached
     * @param onset the severity over the highest of 1 and the sensor's recent severities
     * @param likelihood how unusual the severity is for the sensor's long-term history, in [0, 1]
     * @param newValue whether one of the window's newest readings took a value the sensor had never been
     *     near (the alarm's novelty), which makes the score 1 whatever the onset
     */
    public record Alarm(String rule, double score, double level, double onset, double likelihood,
            boolean newValue) {
        /** Checks the rule's name. */
        public Alarm {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** Flink type information (a POJO type: no Kryo). */
    public static final TypeInformation<AnomalyEvent> TYPE_INFO = TypeInformation.of(AnomalyEvent.class);

    /** Checks the fields and that names and errors line up. */
    public AnomalyEvent {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(channelErrors, "channelErrors");
        RecordChecks.channelsLineUp(channels, channelErrors);
    }

    /** The event for a scored window (whether or not it is anomalous). */
    public static AnomalyEvent of(ScoredWindow window) {
        return new AnomalyEvent(
                window.sensorId(),
                window.windowStart(),
                window.windowEnd(),
                window.score(),
                window.threshold(),
                severity(window.score(), window.threshold()),
                window.model(),
                window.modelVersion(),
                window.channels(),
                window.channelErrors(),
                window.peakTs(),
                null);
    }

    /** This event with an alarm rule's numbers. */
    public AnomalyEvent withAlarm(Alarm newAlarm) {
        return new AnomalyEvent(sensorId, windowStart, windowEnd, score, threshold, severity, model, modelVersion,
                channels, channelErrors, peakTs, newAlarm);
    }

    /** {@code score / threshold}: how far over the threshold a score is (1 = exactly at it). */
    public static double severity(double score, double threshold) {
        return score / threshold;
    }

    /** Per-channel error by channel name, in the model's channel order (read-only). */
    public Map<String, Double> channelErrorMap() {
        return RecordChecks.channelErrorMap(channels, channelErrors);
    }

    /** Whether the window {@code [windowStart, windowEnd]} contains {@code timestamp}. */
    public boolean covers(long timestamp) {
        return windowStart <= timestamp && timestamp <= windowEnd;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnomalyEvent other
                && windowStart == other.windowStart
                && windowEnd == other.windowEnd
                && Double.compare(score, other.score) == 0
                && Double.compare(threshold, other.threshold) == 0
                && Double.compare(severity, other.severity) == 0
                && peakTs == other.peakTs
                && sensorId.equals(other.sensorId)
                && model.equals(other.model)
                && modelVersion.equals(other.modelVersion)
                && Arrays.equals(channels, other.channels)
                && Arrays.equals(channelErrors, other.channelErrors)
                && Objects.equals(alarm, other.alarm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensorId, windowStart, windowEnd, score, threshold, severity, model, modelVersion,
                Arrays.hashCode(channels), Arrays.hashCode(channelErrors), peakTs, alarm);
    }

    @Override
    public String toString() {
        return "AnomalyEvent{sensorId=" + sensorId + ", window=[" + windowStart + ", " + windowEnd
                + "], score=" + score + ", threshold=" + threshold + ", severity=" + severity
                + ", model=" + model + "@" + modelVersion + ", channels=" + channelErrorMap()
                + ", peakTs=" + peakTs + (alarm == null ? "" : ", alarm=" + alarm) + "}";
    }
}
