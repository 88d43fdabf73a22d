package dev.recon.model.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * How a window's (or image's) anomaly score is computed from the model's outputs.
 *
 * <p>Every function is in the units of {@code mse}, the mean squared error per value in
 * normalised units, so thresholds and scores of different functions read the same way:
 * <ul>
 *   <li>{@code mse}: the mean squared error of the model's reconstruction (every kind);</li>
 *   <li>{@code recon-mean}: the same for a variational model, whose reconstruction is that of its
 *       mean code;</li>
 *   <li>{@code recon-samples}: the mean, over {@code samples} codes drawn from the variational
 *       posterior ({@code mean + exp(logVariance / 2) * eps_l}), of the squared error of their
 *       reconstructions; the {@code eps_l} are drawn once from {@code seed} and shared by every
 *       window, so a window's score does not depend on its batch and is reproducible;</li>
 *   <li>{@code elbo}: the negative evidence lower bound per value, {@code recon-mean + beta * KL /
 *       inputSize}, with the closed-form KL divergence of the code from the prior;</li>
 *   <li>{@code latent-knn}: the mean Euclidean distance of the example's latent code to its
 *       {@code neighbours} nearest codes of the training examples, which the bundle carries
 *       ({@code latent-references.bin}); the one function not in {@code mse} units. Any model whose
 *       code can be read out ({@link dev.recon.model.arch.LatentEncoder}).</li>
 * </ul>
 * Fields a function does not use are absent ({@code null}), so manifests written before they
 * existed ({@code {"function": "mse"}}) still load.
 *
 * @param function {@code mse}, {@code recon-mean}, {@code recon-samples} or {@code elbo}
 * @param samples {@code recon-samples}: decoder samples per window, 1 to {@value #MAX_SAMPLES}
 * @param seed {@code recon-samples}: seed of the shared sampling noise
 * @param beta {@code elbo}: weight of the KL term ({@code >= 0}; the weight the model was trained with)
 * @param neighbours {@code latent-knn}: nearest training codes averaged, 1 to {@value #MAX_NEIGHBOURS}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreSpec(String function, Integer samples, Long seed, Double beta, Integer neighbours) {

    /** Mean squared reconstruction error. */
    public static final String MSE = "mse";
    /** Mean squared error of the reconstruction of a variational model's mean code. */
    public static final String RECON_MEAN = "recon-mean";
    /** Mean squared error averaged over reconstructions of sampled codes. */
    public static final String RECON_SAMPLES = "recon-samples";
    /** Reconstruction error plus the weighted KL divergence, per value. */
    public static final String ELBO = "elbo";
    /** Mean distance of the latent code to its nearest training codes. */
    public static final String LATENT_KNN = "latent-knn";
    /** Neighbours {@code latent-knn} averages when none is given. */
    public static final int DEFAULT_NEIGHBOURS = 10;
    /** Most neighbours of {@code latent-knn}. */
    public static final int MAX_NEIGHBOURS = 1000;
    /** Samples {@code recon-samples} takes when none is given. */
    public static final int DEFAULT_SAMPLES = 10;
    /** Most samples per window (each is a decoder pass). */
    public static final int MAX_SAMPLES = 1000;

    /** Validates the function and that it has exactly the parameters it uses. */
    public ScoreSpec {
        if (function == null) {
            throw new IllegalArgumentException(
                    "score function is required (mse, recon-mean, recon-samples, elbo or latent-knn)");
        }
        if (neighbours != null && !function.equals(LATENT_KNN)) {
            throw new IllegalArgumentException("score function " + function + " takes no neighbours, got one");
        }
        switch (function) {
            case MSE, RECON_MEAN -> requireAbsent(function, samples, seed, beta);
            case LATENT_KNN -> {
                if (neighbours == null || neighbours < 1 || neighbours > MAX_NEIGHBOURS) {
                    throw new IllegalArgumentException("score function latent-knn needs neighbours in [1, "
                            + MAX_NEIGHBOURS + "], got " + neighbours);
                }
                requireAbsent(function, samples, seed, beta);
            }
            case RECON_SAMPLES -> {
                if (samples == null || samples < 1 || samples > MAX_SAMPLES) {
                    throw new IllegalArgumentException("score function recon-samples needs samples in [1, "
                            + MAX_SAMPLES + "], got " + samples);
                }
                if (seed == null) {
                    throw new IllegalArgumentException("score function recon-samples needs a seed");
                }
                requireAbsent(function, null, null, beta);
            }
            case ELBO -> {
                if (beta == null || !(beta >= 0) || !Double.isFinite(beta)) {
                    throw new IllegalArgumentException("score function elbo needs beta >= 0, got " + beta);
                }
                requireAbsent(function, samples, seed, null);
            }
            default -> throw new IllegalArgumentException("score function must be one of mse, recon-mean,"
                    + " recon-samples, elbo, latent-knn; got '" + function + "'");
        }
    }

    /** A function without neighbours (every function but {@code latent-knn}). */
    public ScoreSpec(String function, Integer samples, Long seed, Double beta) {
        this(function, samples, seed, beta, null);
    }

    /** A function without parameters ({@code mse} or {@code recon-mean}). */
    public ScoreSpec(String function) {
        this(function, null, null, null, null);
    }

    /** The mean squared reconstruction error. */
    public static ScoreSpec mse() {
        return new ScoreSpec(MSE);
    }

    /** {@code recon-samples} with {@code samples} codes drawn from {@code seed}. */
    public static ScoreSpec reconSamples(int samples, long seed) {
        return new ScoreSpec(RECON_SAMPLES, samples, seed, null);
    }

    /** {@code elbo} with KL weight {@code beta}. */
    public static ScoreSpec elbo(double beta) {
        return new ScoreSpec(ELBO, null, null, beta);
    }

    /** {@code latent-knn} over {@code neighbours} nearest training codes. */
    public static ScoreSpec latentKnn(int neighbours) {
        return new ScoreSpec(LATENT_KNN, null, null, null, neighbours);
    }

    /**
     * Parses a command-line value: {@code recon-mean}, {@code recon-samples:L} ({@code L} samples,
     * {@value #DEFAULT_SAMPLES} when omitted), {@code elbo}, {@code mse} or {@code latent-knn:K}
     * ({@code K} neighbours, {@value #DEFAULT_NEIGHBOURS} when omitted).
     *
     * @param beta the KL weight {@code elbo} uses (the one the model is trained with)
     * @param seed the seed {@code recon-samples} uses (the training seed)
     */
    public static ScoreSpec parse(String text, double beta, long seed) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String name = colon < 0 ? t : t.substring(0, colon);
        if (colon >= 0 && !name.equals(RECON_SAMPLES) && !name.equals(LATENT_KNN)) {
            throw new IllegalArgumentException("invalid score: '" + text + "' (only recon-samples and latent-knn"
                    + " take a value, as recon-samples:L or latent-knn:K)");
        }
        try {
            return switch (name) {
                case MSE, RECON_MEAN -> new ScoreSpec(name);
                case ELBO -> elbo(beta);
                case RECON_SAMPLES -> reconSamples(colon < 0 ? DEFAULT_SAMPLES
                        : Integer.parseInt(t.substring(colon + 1).trim()), seed);
                case LATENT_KNN -> latentKnn(colon < 0 ? DEFAULT_NEIGHBOURS
                        : Integer.parseInt(t.substring(colon + 1).trim()));
                default -> throw new IllegalArgumentException("'" + text
                        + "' (expected mse, recon-mean, recon-samples:L, elbo or latent-knn:K)");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid score: '" + text
                    + "' (the count after ':' is not an integer, e.g. recon-samples:10 or latent-knn:10)");
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("invalid score")
                    ? e : new IllegalArgumentException("invalid score: " + e.getMessage(), e);
        }
    }

    /** Whether the function needs a variational model (the code's distribution). */
    public boolean variational() {
        return function.equals(RECON_SAMPLES) || function.equals(ELBO);
    }

    /** Whether the function compares latent codes with the training examples' ({@code latent-knn}). */
    public boolean latent() {
        return function.equals(LATENT_KNN);
    }

    /** The function with its parameters, for messages (e.g. {@code recon-samples:10 (seed 42)}). */
    @Override
    public String toString() {
        return switch (function) {
            case RECON_SAMPLES -> RECON_SAMPLES + ":" + samples + " (seed " + seed + ")";
            case ELBO -> ELBO + " (beta " + beta + ")";
            case LATENT_KNN -> LATENT_KNN + ":" + neighbours;
            default -> function;
        };
    }

    private static void requireAbsent(String function, Integer samples, Long seed, Double beta) {
        if (samples != null || seed != null || beta != null) {
            throw new IllegalArgumentException("score function " + function + " takes no "
                    + (samples != null ? "samples" : seed != null ? "seed" : "beta") + ", got one");
        }
    }
}
