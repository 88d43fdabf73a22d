package dev.recon.operators.window;

/** How a sensor's readings become windows ({@code window.mode}). */
public enum WindowMode {
    /** A window is the last {@code windowLength} readings, whatever their timestamps. */
    COUNT,
    /** Readings are first resampled onto a fixed time grid; a window is the last {@code windowLength} grid points. */
    TIME
}
