/**
 * Per-sensor windowing and scoring: readings are mapped to the model's channel order, normalised
 * with the statistics fitted at training time, collected in a keyed sliding window, and every due
 * window is reconstructed by the model and scored by its reconstruction error, exactly as
 * {@link dev.recon.model.scoring.SeriesScorer} scores a recorded series offline. Images are scored
 * the same way, micro-batched by the same machinery ({@link dev.recon.operators.scoring.AbstractMicroBatchScorer}),
 * as {@code recon score} scores them offline.
 */
package dev.recon.operators.scoring;
