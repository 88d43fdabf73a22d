/**
 * From scored windows and images to anomaly events, and the JSON forms that leave the job: the
 * {@code anomalies} event (of a window or an image), the {@code denoised} reconstruction (series or
 * PNG) and a JSON view of a dead letter.
 */
package dev.recon.operators.events;
