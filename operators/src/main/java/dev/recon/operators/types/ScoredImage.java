package dev.recon.operators.types;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One image scored by a model: its reconstruction error, the verdict and where the error is.
 *
 * @param sourceId the image source
 * @param ts event time of the image, epoch milliseconds
 * @param score the score (the bundle's score function; by default the mean squared error over every pixel
 *     and channel, pixels in [0, 1])
 * @param threshold the model's threshold
 * @param anomalous whether the score is above the threshold
 * @param channels the model's colour channel names, in the model's order
 * @param channelErrors mean squared error of each colour channel, parallel to {@code channels}
 * @param peakRow row of the pixel with the largest error (averaged over channels), 0 at the top
 * @param peakCol column of that pixel, 0 at the left
 * @param peakError that pixel's squared error, averaged over channels
 * @param gridRows rows of the coarse error grid
 * @param gridCols columns of the coarse error grid
 * @param gridErrors mean squared error of each grid cell, row-major ({@code gridRows * gridCols})
 * @param model the model's name
 * @param modelVersion the model's version
 * @param condition for a conditional model ({@code cvae}), the condition the image was scored under, as
 *     the model names it ({@link dev.recon.model.arch.Conditions#label}); {@code null} for other models
 */
public record ScoredImage(
        String sourceId,
        long ts,
        double score,
        double threshold,
        boolean anomalous,
        String[] channels,
        double[] channelErrors,
        int peakRow,
        int peakCol,
        double peakError,
        int gridRows,
        int gridCols,
        double[] gridErrors,
        String model,
        String modelVersion,
        String condition) {

    /** Flink type information (a POJO type: no Kryo). */
    public static final TypeInformation<ScoredImage> TYPE_INFO = TypeInformation.of(ScoredImage.class);

    /** Checks the fields and that the arrays line up. */
    public ScoredImage {
        RecordChecks.conditionNotBlank(condition, sourceId);
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(channelErrors, "channelErrors");
        Objects.requireNonNull(gridErrors, "gridErrors");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelVersion, "modelVersion");
        RecordChecks.channelsLineUp(channels, channelErrors);
        RecordChecks.gridFits(gridRows, gridCols, gridErrors);
        if (peakRow < 0 || peakCol < 0) {
            throw new IllegalArgumentException("peak pixel must be at row, column >= 0, got " + peakRow + ", "
                    + peakCol);
        }
    }

    /** A scored image of an unconditional model (no {@code condition}); the other parameters as above. */
    public ScoredImage(String sourceId, long ts, double score, double threshold, boolean anomalous, String[] channels,
            double[] channelErrors, int peakRow, int peakCol, double peakError, int gridRows, int gridCols,
            double[] gridErrors, String model, String modelVersion) {
        this(sourceId, ts, score, threshold, anomalous, channels, channelErrors, peakRow, peakCol, peakError, gridRows,
                gridCols, gridErrors, model, modelVersion, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoredImage other
                && ts == other.ts
                && Double.compare(score, other.score) == 0
                && Double.compare(threshold, other.threshold) == 0
                && anomalous == other.anomalous
                && peakRow == other.peakRow
                && peakCol == other.peakCol
                && Double.compare(peakError, other.peakError) == 0
                && gridRows == other.gridRows
                && gridCols == other.gridCols
                && sourceId.equals(other.sourceId)
                && Arrays.equals(channels, other.channels)
                && Arrays.equals(channelErrors, other.channelErrors)
                && Arrays.equals(gridErrors, other.gridErrors)
                && model.equals(other.model)
                && modelVersion.equals(other.modelVersion)
                && Objects.equals(condition, other.condition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceId, ts, score, threshold, anomalous, Arrays.hashCode(channels),
                Arrays.hashCode(channelErrors), peakRow, peakCol, peakError, gridRows, gridCols,
                Arrays.hashCode(gridErrors), model, modelVersion, condition);
    }

    @Override
    public String toString() {
        return "ScoredImage{sourceId=" + sourceId + ", ts=" + ts + ", score=" + score + ", threshold=" + threshold
                + ", anomalous=" + anomalous + ", peak=(" + peakRow + ", " + peakCol + "), model=" + model + "@"
                + modelVersion + (condition == null ? "" : ", condition=" + condition) + "}";
    }
}
