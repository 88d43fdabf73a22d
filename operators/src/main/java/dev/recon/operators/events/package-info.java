/**
 * From scored windows to anomaly events, and the JSON forms that leave the job: the
 * {@code anomalies} event and a JSON view of a dead letter.
 */
package dev.recon.operators.events;
