/**
 * Per-sensor windowing in event time: readings are put back in timestamp order within the allowed
 * out-of-orderness, late ones are rejected, optionally resampled onto a fixed time grid (time windows),
 * and full windows leave as {@link dev.recon.operators.types.RawWindow}s.
 */
package dev.recon.operators.window;
