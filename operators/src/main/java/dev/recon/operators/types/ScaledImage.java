package dev.recon.operators.types;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One decoded image, converted to the model's channels and size and scaled to [0, 1]: exactly what
 * the model reads.
 *
 * @param sourceId the image source (camera, producer); the key of its events
 * @param ts event time of the image, epoch milliseconds
 * @param pixels model input, flattened channel-major ({@code [channel][row][column]}), each in [0, 1]
 * @param origin where the record came from ({@code topic/partition@offset})
 * @param condition for a conditional model ({@code cvae}), the index of the condition the image is
 *     scored under (from its label); {@link #NO_CONDITION} for other models
 */
public record ScaledImage(String sourceId, long ts, float[] pixels, String origin, int condition) {

    /** Flink type information (a POJO type: no Kryo). */
    public static final TypeInformation<ScaledImage> TYPE_INFO = TypeInformation.of(ScaledImage.class);

    /** The condition of an image for an unconditional model. */
    public static final int NO_CONDITION = -1;

    /** Checks the fields. */
    public ScaledImage {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(origin, "origin");
        if (pixels.length == 0) {
            throw new IllegalArgumentException("image of " + sourceId + " has no pixels");
        }
        if (condition < NO_CONDITION) {
            throw new IllegalArgumentException("condition of the image of " + sourceId + " must be an index >= 0, or "
                    + NO_CONDITION + " for none; got " + condition);
        }
    }

    /** An image for an unconditional model. */
    public ScaledImage(String sourceId, long ts, float[] pixels, String origin) {
        this(sourceId, ts, pixels, origin, NO_CONDITION);
    }

    /** Whether the image carries a condition. */
    public boolean conditioned() {
        return condition != NO_CONDITION;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScaledImage other && ts == other.ts && condition == other.condition
                && sourceId.equals(other.sourceId) && Arrays.equals(pixels, other.pixels) && origin.equals(other.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceId, ts, Arrays.hashCode(pixels), origin, condition);
    }

    @Override
    public String toString() {
        return "ScaledImage{sourceId=" + sourceId + ", ts=" + ts + ", " + pixels.length + " values"
                + (conditioned() ? ", condition=" + condition : "") + ", origin=" + origin + "}";
    }
}
