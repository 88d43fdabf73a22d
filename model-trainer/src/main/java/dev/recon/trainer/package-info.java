/**
 * The batch trainer: fits an autoencoder on the normal part of a series, calibrates its threshold
 * on held-out windows, and writes a self-describing model bundle.
 */
package dev.recon.trainer;
