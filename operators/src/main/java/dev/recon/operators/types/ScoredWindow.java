package dev.recon.operators.types;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One window of one sensor scored by a model: its bounds, its reconstruction error, the verdict
 * and where the error is.
 *
 * @param sensorId the sensor
 * @param windowStart timestamp of the oldest reading in the window (epoch milliseconds)
 * @param windowEnd timestamp of the newest reading in the window (epoch milliseconds)
 * @param score the reconstruction error (mean squared error in normalised units)
 * @param threshold the model's threshold
 * @param anomalous the verdict: whether {@code score >= threshold}, unless an alarm rule
 *     ({@code alarm.mode}) has judged the window since
 * @param channels the model's channel names, in the model's order
 * @param channelErrors mean squared error of each channel, parallel to {@code channels}
 * @param peakTs timestamp of the step with the largest error
 * @param model the model's name
 * @param modelVersion the model's version
 * @param newestValues the readings this window adds to the sensor's previous one (its newest
 *     {@code stride} steps, step-major {@code [step][channel]}, in the data's units), which the alarm's
 *     novelty judges
 */
@TypeInfo(ScoredWindowSerializer.Factory.class)
public record ScoredWindow(
        String sensorId,
        long windowStart,
        long windowEnd,
        double score,
        double threshold,
        boolean anomalous,
        String[] channels,
        double[] channelErrors,
        long peakTs,
        String model,
        String modelVersion,
        double[] newestValues) {

    /** Flink type information: {@link ScoredWindowSerializer} (no POJO reflection, no Kryo). */
    public static final TypeInformation<ScoredWindow> TYPE_INFO = TypeInformation.of(ScoredWindow.class);

    /** Checks the fields and that names and errors line up. */
    public ScoredWindow {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(channelErrors, "channelErrors");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelVersion, "modelVersion");
        RecordChecks.channelsLineUp(channels, channelErrors);
        Objects.requireNonNull(newestValues, "newestValues");
        if (newestValues.length == 0 || newestValues.length % channels.length != 0) {
            throw new IllegalArgumentException(newestValues.length + " newest values do not fill whole steps of "
                    + channels.length + " channels");
        }
    }

    /** Steps of {@link #newestValues}. */
    public int newestSteps() {
        return newestValues.length / channels.length;
    }

    /** This window with another verdict (itself when the verdict is the same). */
    public ScoredWindow withVerdict(boolean verdict) {
        if (verdict == anomalous) {
            return this;
        }
        return new ScoredWindow(sensorId, windowStart, windowEnd, score, threshold, verdict, channels, channelErrors,
                peakTs, model, modelVersion, newestValues);
    }

    /** Per-channel error by channel name, in the model's channel order (read-only). */
    public Map<String, Double> channelErrorMap() {
        return RecordChecks.channelErrorMap(channels, channelErrors);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoredWindow other
                && windowStart == other.windowStart
                && windowEnd == other.windowEnd
                && Double.compare(score, other.score) == 0
                && Double.compare(threshold, other.threshold) == 0
                && anomalous == other.anomalous
                && peakTs == other.peakTs
                && sensorId.equals(other.sensorId)
                && Arrays.equals(channels, other.channels)
                && Arrays.equals(channelErrors, other.channelErrors)
                && model.equals(other.model)
                && modelVersion.equals(other.modelVersion)
                && Arrays.equals(newestValues, other.newestValues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensorId, windowStart, windowEnd, score, threshold, anomalous,
                Arrays.hashCode(channels), Arrays.hashCode(channelErrors), peakTs, model, modelVersion,
                Arrays.hashCode(newestValues));
    }

    @Override
    public String toString() {
        return "ScoredWindow{sensorId=" + sensorId + ", window=[" + windowStart + ", " + windowEnd
                + "], score=" + score + ", threshold=" + threshold + ", anomalous=" + anomalous
                + ", channels=" + channelErrorMap() + ", peakTs=" + peakTs + ", model=" + model + "@"
                + modelVersion + "}";
    }
}
