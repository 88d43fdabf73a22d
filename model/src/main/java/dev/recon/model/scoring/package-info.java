/** Reconstruction with a loaded model, and the reconstruction error that becomes the anomaly score. */
package dev.recon.model.scoring;
