/**
 * The model contract shared by training and serving: autoencoder architectures, the model bundle,
 * windowing and normalisation, reconstruction-error scoring and threshold calibration.
 *
 * <p>Nothing here knows Flink or Kafka, so the batch trainer, {@code recon score} and the Flink
 * operators all score a window through exactly the same code.
 */
package dev.recon.model;
