package dev.recon.operators.types;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * The model's reconstruction of one scored image: the cleaned image.
 *
 * @param sourceId the image source
 * @param ts event time of the image, epoch milliseconds
 * @param channels colour channels (1 gray, 3 RGB)
 * @param height image height in pixels
 * @param width image width in pixels
 * @param pixels the reconstruction, flattened {@code [channel][row][column]}, in the model's [0, 1] scale
 * @param model the model's name
 * @param modelVersion the model's version
 */
public record DenoisedImage(
        String sourceId, long ts, int channels, int height, int width, float[] pixels, String model,
        String modelVersion) {

    /** Flink type information (a POJO type: no Kryo). */
    public static final TypeInformation<DenoisedImage> TYPE_INFO = TypeInformation.of(DenoisedImage.class);

    /** Side output of the image scorer carrying reconstructions, when enabled. */
    public static final OutputTag<DenoisedImage> OUTPUT_TAG = new OutputTag<>("denoised-images", TYPE_INFO);

    /** Checks that the pixels fill the shape. */
    public DenoisedImage {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelVersion, "modelVersion");
        if (channels < 1 || height < 1 || width < 1 || pixels.length != (long) channels * height * width) {
            throw new IllegalArgumentException(pixels.length + " pixel values for " + channels + " channels x "
                    + height + " x " + width);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenoisedImage other && ts == other.ts && channels == other.channels
                && height == other.height && width == other.width && sourceId.equals(other.sourceId)
                && Arrays.equals(pixels, other.pixels) && model.equals(other.model)
                && modelVersion.equals(other.modelVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceId, ts, channels, height, width, Arrays.hashCode(pixels), model, modelVersion);
    }

    @Override
    public String toString() {
        return "DenoisedImage{sourceId=" + sourceId + ", ts=" + ts + ", " + channels + " x " + height + " x "
                + width + ", model=" + model + "@" + modelVersion + "}";
    }
}
