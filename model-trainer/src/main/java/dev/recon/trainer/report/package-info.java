/**
 * The training report: a self-contained HTML page with PNG charts (loss curves, score histogram,
 * example reconstructions, latent scatter) written next to a model bundle.
 */
package dev.recon.trainer.report;
