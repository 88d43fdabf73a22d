/**
 * Turning a stream of readings into normalised, fixed-length windows (optionally first resampled onto a fixed
 * time grid), identically offline and in Flink.
 */
package dev.recon.model.window;
