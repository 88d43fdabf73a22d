package dev.recon.bench.images;

import dev.recon.trainer.Denoising;
import dev.recon.trainer.ObjectiveSettings;
import java.util.List;

/** The model set-ups the Fashion-MNIST benchmark compares. */
public final class FashionMnistVariants {

    private FashionMnistVariants() {}

    /**
     * Convolutional AE with its defaults (scored by the distance of its codes to the training codes,
     * {@code latent-knn:10}) and the same training scored by its reconstruction error, denoising
     * convolutional AE, and the convolutional VAE (binary cross-entropy, the loss that suits pixels in
     * [0, 1]), each otherwise with its defaults.
     */
    public static List<FashionMnistBenchmark.Variant> all() {
        return List.of(
                new FashionMnistBenchmark.Variant("conv AE (defaults: latent-knn:10)", b -> b),
                new FashionMnistBenchmark.Variant("conv AE, --score mse",
                        b -> b.optObjective(ObjectiveSettings.DEFAULT.withScore("mse"))),
                new FashionMnistBenchmark.Variant("denoising conv AE (latent-knn:10)",
                        b -> b.optDenoising(Denoising.parse("gaussian:0.2"))),
                new FashionMnistBenchmark.Variant("conv VAE (bce)", b -> b.optModel("vae").optVariant("conv")
                        .optObjective(new ObjectiveSettings(ObjectiveSettings.BCE, ObjectiveSettings.DEFAULT_BETA, 0,
                                null, ObjectiveSettings.DEFAULT_DISCRIMINATOR_HIDDEN))));
    }
}
