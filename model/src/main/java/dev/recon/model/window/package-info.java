/** Turning a stream of readings into normalised, fixed-length windows, identically offline and in Flink. */
package dev.recon.model.window;
