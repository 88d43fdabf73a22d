/** Autoencoder architectures as DJL blocks, each described by a serialisable specification. */
package dev.recon.model.arch;
