package dev.recon.trainer;

import java.util.Locale;
import java.util.Random;

/**
 * Input corruption for denoising training: the model sees a noisy input and learns to output the
 * clean one. Scoring always uses the clean input.
 *
 * <p>{@code gaussian:S} adds Gaussian noise of standard deviation {@code S} (in model-input units:
 * z-scores for time series, [0, 1] pixels for images) and clips to the range of the training data,
 * so a corrupted image is still an image; {@code mask:P} sets each value to 0 with probability
 * {@code P} (the channel mean, for z-scored series; black, for images).
 *
 * @param kind {@code none}, {@code gaussian} or {@code mask}
 * @param amount the standard deviation ({@code gaussian}) or the probability ({@code mask}); 0 for none
 */
public record Denoising(String kind, double amount) {

    /** No corruption: a plain autoencoder. */
    public static final Denoising NONE = new Denoising("none", 0);
    /** Additive, clipped Gaussian noise. */
    public static final String GAUSSIAN = "gaussian";
    /** Random zeroing. */
    public static final String MASK = "mask";

    /** Validates the kind and amount. */
    public Denoising {
        if (kind == null) {
            throw new NullPointerException("kind");
        }
        switch (kind) {
            case "none" -> {
                if (amount != 0) {
                    throw new IllegalArgumentException("invalid denoise: none takes no amount, got " + amount);
                }
            }
            case GAUSSIAN -> {
                if (!(amount > 0) || !Double.isFinite(amount)) {
                    throw new IllegalArgumentException("invalid denoise: gaussian:" + amount
                            + " (expected a standard deviation > 0, e.g. gaussian:0.5)");
                }
            }
            case MASK -> {
                if (!(amount > 0 && amount < 1)) {
                    throw new IllegalArgumentException("invalid denoise: mask:" + amount
                            + " (expected a probability in (0, 1), e.g. mask:0.2)");
                }
            }
            default -> throw new IllegalArgumentException("invalid denoise: '" + kind
                    + "' (expected none, gaussian:STD or mask:PROBABILITY)");
        }
    }

    /** Parses {@code none}, {@code gaussian:0.5} or {@code mask:0.2}. */
    public static Denoising parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none")) {
            return NONE;
        }
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid denoise: '" + text
                    + "' (expected none, gaussian:STD or mask:PROBABILITY)");
        }
        double amount;
        try {
            amount = Double.parseDouble(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid denoise: '" + text + "' (the amount after ':' is not a number)");
        }
        return new Denoising(t.substring(0, colon), amount);
    }

    /** Whether inputs are corrupted. */
    public boolean enabled() {
        return !kind.equals("none");
    }

    /**
     * Writes a corrupted copy of {@code clean[0, length)} into {@code noisy}.
     *
     * @param min smallest value of the data (the lower clip for Gaussian noise)
     * @param max largest value of the data (the upper clip)
     */
    public void corrupt(float[] clean, float[] noisy, int length, float min, float max, Random random) {
        if (kind.equals(GAUSSIAN)) {
            for (int i = 0; i < length; i++) {
                float v = clean[i] + (float) (amount * random.nextGaussian());
                noisy[i] = Math.max(min, Math.min(max, v));
            }
        } else if (kind.equals(MASK)) {
            for (int i = 0; i < length; i++) {
                noisy[i] = random.nextDouble() < amount ? 0f : clean[i];
            }
        } else {
            System.arraycopy(clean, 0, noisy, 0, length);
        }
    }

    @Override
    public String toString() {
        return enabled() ? kind + ":" + amount : "none";
    }
}
