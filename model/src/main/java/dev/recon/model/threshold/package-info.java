/** Threshold calibration: turning reconstruction errors on normal data into an alarm threshold. */
package dev.recon.model.threshold;
