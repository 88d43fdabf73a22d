/** Offline scoring of recorded series with a trained bundle ({@code recon score}). */
package dev.recon.trainer.offline;
