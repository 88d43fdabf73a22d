package dev.recon.trainer.offline;

import dev.recon.model.arch.Conditions;
import dev.recon.trainer.data.ImageSet;
import java.util.Random;

/**
 * Image labels as a conditional model's conditions, and wrong labels for measuring it.
 *
 * <p>A conditional model ({@code cvae}) scores an image under the label it claims; an image is
 * normal when its content matches that label. Labelled data has no images with wrong labels, so
 * detection is measured by relabelling: every image scored with its own label is a normal example,
 * the same image scored with another label (drawn uniformly from the other conditions, seeded) an
 * anomalous one, and an image of a class the model has no condition for, claiming one of its
 * conditions (drawn uniformly), an anomalous one too.
 */
public final class ConditionLabels {

    /** The condition of an image whose label is none of the model's. */
    public static final int NONE = -1;

    private ConditionLabels() {}

    /**
     * The condition of each image: its label's index in {@code conditions}, or {@link #NONE}.
     *
     * @throws IllegalArgumentException if the images have no labels
     */
    public static int[] of(ImageSet images, Conditions conditions, String modelName) {
        if (!images.labelled()) {
            throw new IllegalArgumentException("model '" + modelName + "' is a conditional model (cvae): each image is"
                    + " scored with its label as the condition (one of " + conditions.describe() + "), but the images"
                    + " from " + images.source() + " have none; pass --labels (IDX) or use class sub-folders (PNG)");
        }
        int[] indices = new int[images.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = conditions.indexOf(images.labels()[i]);
        }
        return indices;
    }

    /**
     * The condition of each image, failing on the first image whose label is not a condition.
     *
     * @throws IllegalArgumentException if the images have no labels, or one has a label the model has no condition for
     */
    public static int[] require(ImageSet images, Conditions conditions, String modelName) {
        int[] indices = of(images, conditions, modelName);
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] == NONE) {
                throw new IllegalArgumentException("image " + i + " of " + images.source() + " has label "
                        + images.labels()[i] + ", which is not a condition of model '" + modelName + "' (its"
                        + " conditions are " + conditions.describe() + "); a conditional model scores an image only"
                        + " under a label it knows");
            }
        }
        return indices;
    }

    /**
     * A wrong condition for each image, for measuring detection by relabelling: for an image of
     * condition {@code c}, one of the other {@code count - 1} conditions; for one of no condition
     * ({@link #NONE}), any of them. Each drawn uniformly from {@code seed}.
     */
    public static int[] wrong(int[] conditions, int count, long seed) {
        Random random = new Random(seed);
        int[] wrong = new int[conditions.length];
        for (int i = 0; i < conditions.length; i++) {
            int c = conditions[i];
            wrong[i] = c == NONE ? random.nextInt(count) : (c + 1 + random.nextInt(count - 1)) % count;
        }
        return wrong;
    }
}
