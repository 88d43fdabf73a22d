package dev.recon.trainer;

import dev.recon.model.bundle.BundleManifest;
import java.nio.file.Path;

/**
 * What a training run produced.
 *
 * @param bundle where the bundle was written
 * @param manifest the written manifest
 * @param validationErrors reconstruction error of every validation window, in time order
 */
public record TrainingResult(Path bundle, BundleManifest manifest, double[] validationErrors) {}
