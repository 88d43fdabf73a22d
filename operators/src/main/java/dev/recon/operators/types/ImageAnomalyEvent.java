package dev.recon.operators.types;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One anomalous image, as published on the {@code anomalies} topic
 * ({@code dev.recon.operators.events.ImageAnomalyEventJson} writes and reads it): the fields of an
 * {@link AnomalyEvent} for a window that is one instant long, plus where in the image the error is.
 *
 * @param sourceId the image source (JSON: {@code sensorId}, the Kafka key)
 * @param ts event time of the image (JSON: {@code windowStart}, {@code windowEnd} and {@code peakTs})
 * @param score the reconstruction error
 * @param threshold the model's threshold
 * @param severity {@code score / threshold}; infinite (or NaN) when the threshold is 0
 * @param model the model's name
 * @param modelVersion the model's version
 * @param channels colour channel names, in the model's order
 * @param channelErrors mean squared error of each colour channel
 * @param peakRow row of the pixel with the largest error, 0 at the top
 * @param peakCol column of that pixel, 0 at the left
 * @param peakError that pixel's squared error, averaged over channels
 * @param gridRows rows of the coarse error grid
 * @param gridCols columns of the coarse error grid
 * @param gridErrors mean squared error of each grid cell, row-major
 * @param condition for a conditional model ({@code cvae}), the condition the image claimed and was scored
 *     under, as the model names it (JSON: {@code condition}, absent when null); {@code null} for other models
 */
public record ImageAnomalyEvent(
        String sourceId,
        long ts,
        double score,
        double threshold,
        double severity,
        String model,
        String modelVersion,
        String[] channels,
        double[] channelErrors,
        int peakRow,
        int peakCol,
        double peakError,
        int gridRows,
        int gridCols,
        double[] gridErrors,
        String condition) {

    /** Flink type information (a POJO type: no Kryo). */
    public static final TypeInformation<ImageAnomalyEvent> TYPE_INFO = TypeInformation.of(ImageAnomalyEvent.class);

    /** Checks the fields and that the arrays line up. */
    public ImageAnomalyEvent {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(channelErrors, "channelErrors");
        Objects.requireNonNull(gridErrors, "gridErrors");
        RecordChecks.channelsLineUp(channels, channelErrors);
        RecordChecks.gridFits(gridRows, gridCols, gridErrors);
        RecordChecks.conditionNotBlank(condition, sourceId);
    }

    /** An event of an unconditional model (no {@code condition}); the other parameters as above. */
    public ImageAnomalyEvent(String sourceId, long ts, double score, double threshold, double severity, String model,
            String modelVersion, String[] channels, double[] channelErrors, int peakRow, int peakCol, double peakError,
            int gridRows, int gridCols, double[] gridErrors) {
        this(sourceId, ts, score, threshold, severity, model, modelVersion, channels, channelErrors, peakRow, peakCol,
                peakError, gridRows, gridCols, gridErrors, null);
    }

    /** The event for a scored image (whether or not it is anomalous). */
    public static ImageAnomalyEvent of(ScoredImage image) {
        return new ImageAnomalyEvent(image.sourceId(), image.ts(), image.score(), image.threshold(),
                AnomalyEvent.severity(image.score(), image.threshold()), image.model(), image.modelVersion(),
                image.channels(), image.channelErrors(), image.peakRow(), image.peakCol(), image.peakError(),
                image.gridRows(), image.gridCols(), image.gridErrors(), image.condition());
    }

    /** Per-channel error by channel name, in the model's channel order (read-only). */
    public Map<String, Double> channelErrorMap() {
        return RecordChecks.channelErrorMap(channels, channelErrors);
    }

    /** The error of grid cell ({@code row}, {@code col}). */
    public double gridError(int row, int col) {
        if (row < 0 || row >= gridRows || col < 0 || col >= gridCols) {
            throw new IndexOutOfBoundsException("cell (" + row + ", " + col + ") is outside the " + gridRows + " x "
                    + gridCols + " grid");
        }
        return gridErrors[row * gridCols + col];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageAnomalyEvent other
                && ts == other.ts
                && Double.compare(score, other.score) == 0
                && Double.compare(threshold, other.threshold) == 0
                && Double.compare(severity, other.severity) == 0
                && peakRow == other.peakRow
                && peakCol == other.peakCol
                && Double.compare(peakError, other.peakError) == 0
                && gridRows == other.gridRows
                && gridCols == other.gridCols
                && sourceId.equals(other.sourceId)
                && model.equals(other.model)
                && modelVersion.equals(other.modelVersion)
                && Arrays.equals(channels, other.channels)
                && Arrays.equals(channelErrors, other.channelErrors)
                && Arrays.equals(gridErrors, other.gridErrors)
                && Objects.equals(condition, other.condition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceId, ts, score, threshold, severity, model, modelVersion, Arrays.hashCode(channels),
                Arrays.hashCode(channelErrors), peakRow, peakCol, peakError, gridRows, gridCols,
                Arrays.hashCode(gridErrors), condition);
    }

    @Override
    public String toString() {
        return "ImageAnomalyEvent{sourceId=" + sourceId + ", ts=" + ts + ", score=" + score + ", threshold="
                + threshold + ", severity=" + severity + ", model=" + model + "@" + modelVersion + ", channels="
                + channelErrorMap() + ", peak=(" + peakRow + ", " + peakCol + ")"
                + (condition == null ? "" : ", condition=" + condition) + "}";
    }
}
