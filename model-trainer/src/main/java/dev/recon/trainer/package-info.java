/**
 * The batch trainer: fits an autoencoder on normal data (the leading part of a series, or the
 * normal classes of a set of images), optionally as a denoising autoencoder, calibrates its
 * threshold on held-out data, measures detection when labels allow, and writes a self-describing
 * model bundle.
 */
package dev.recon.trainer;
