package dev.recon.trainer;

import java.util.List;
import java.util.Objects;

/**
 * Which autoencoder a {@link TimeSeriesTrainer} fits, with the hyper-parameters only that kind uses.
 *
 * <p>The sizes every kind shares ({@code hiddenSizes}, {@code latentSize}, {@code activation}) stay in
 * {@link TrainerConfig}; {@link TrainerConfig#architecture(int)} combines both into the
 * {@link dev.recon.model.arch.ArchitectureSpec} for a channel count. Fields a kind does not use keep
 * their defaults and are ignored.
 *
 * @param kind {@code dense}, {@code conv1d}, {@code lstm}, {@code vae} or {@code aae}
 * @param filters conv1d: output channels of each encoder stage (convolution, activation, downsampling by 2)
 * @param kernel conv1d: convolution kernel length in steps (odd, so the padding keeps the length)
 * @param downsampling conv1d: {@code maxpool} (2-step max-pool) or {@code stride} (the convolution steps by 2)
 * @param bottleneck conv1d: size of a dense code between encoder and decoder; 0 for none
 * @param layers lstm: stacked LSTM layers in the encoder and in the decoder
 */
public record SeriesModel(String kind, List<Integer> filters, int kernel, String downsampling, int bottleneck,
        int layers) {

    /** Fully connected autoencoder over the flattened window. */
    public static final String DENSE = "dense";
    /** 1-D convolutional autoencoder over (channels, steps). */
    public static final String CONV1D = "conv1d";
    /** Sequence-to-sequence LSTM autoencoder. */
    public static final String LSTM = "lstm";
    /** Variational autoencoder with a dense network (see {@link ObjectiveSettings} for its loss settings). */
    public static final String VAE = "vae";
    /** Adversarial autoencoder with a dense network (see {@link ObjectiveSettings} for its discriminator). */
    public static final String AAE = "aae";
    /** Every kind, in the order help texts list them. */
    public static final List<String> KINDS = List.of(DENSE, CONV1D, LSTM, VAE, AAE);

    /** Default conv1d encoder stages. */
    public static final List<Integer> DEFAULT_FILTERS = List.of(16, 32);
    /** Default conv1d kernel length. */
    public static final int DEFAULT_KERNEL = 5;
    /** Default conv1d downsampling. */
    public static final String DEFAULT_DOWNSAMPLING = "maxpool";
    /** Default conv1d dense code size. */
    public static final int DEFAULT_BOTTLENECK = 8;
    /** Default stacked LSTM layers. */
    public static final int DEFAULT_LAYERS = 1;

    /** The dense autoencoder, the kind every bundle had before the others existed. */
    public static final SeriesModel DEFAULT = new SeriesModel(DENSE, DEFAULT_FILTERS, DEFAULT_KERNEL,
            DEFAULT_DOWNSAMPLING, DEFAULT_BOTTLENECK, DEFAULT_LAYERS);

    /** Validates every field, naming the setting and its value. */
    public SeriesModel {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(downsampling, "downsampling");
        filters = List.copyOf(filters);
        check(KINDS.contains(kind), "model", kind, "one of " + String.join(", ", KINDS));
        check(!filters.isEmpty() && filters.stream().allMatch(f -> f >= 1), "filters", filters,
                "one or more sizes >= 1");
        check(kernel >= 1 && kernel % 2 == 1, "kernel", kernel, "an odd length >= 1");
        check(downsampling.equals("maxpool") || downsampling.equals("stride"), "downsample", downsampling,
                "maxpool or stride");
        check(bottleneck >= 0, "bottleneck", bottleneck, ">= 0, 0 for none");
        check(layers >= 1, "layers", layers, ">= 1");
    }

    /** The dense autoencoder. */
    public static SeriesModel dense() {
        return DEFAULT;
    }

    /** A 1-D convolutional autoencoder. */
    public static SeriesModel conv1d(List<Integer> filters, int kernel, String downsampling, int bottleneck) {
        return new SeriesModel(CONV1D, filters, kernel, downsampling, bottleneck, DEFAULT_LAYERS);
    }

    /** A variational ({@link #VAE}) or adversarial ({@link #AAE}) autoencoder with a dense network. */
    public static SeriesModel latent(String kind) {
        check(kind.equals(VAE) || kind.equals(AAE), "model", kind, "vae or aae");
        return new SeriesModel(kind, DEFAULT_FILTERS, DEFAULT_KERNEL, DEFAULT_DOWNSAMPLING, DEFAULT_BOTTLENECK,
                DEFAULT_LAYERS);
    }

    /** An LSTM autoencoder with {@code layers} stacked layers. */
    public static SeriesModel lstm(int layers) {
        return new SeriesModel(LSTM, DEFAULT_FILTERS, DEFAULT_KERNEL, DEFAULT_DOWNSAMPLING, DEFAULT_BOTTLENECK,
                layers);
    }

    static void check(boolean ok, String key, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("invalid " + key + ": " + value + " (expected " + expected + ")");
        }
    }
}
