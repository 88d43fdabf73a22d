/** Offline scoring of recorded series and images with a trained bundle ({@code recon score}, {@code recon evaluate}). */
package dev.recon.trainer.offline;
