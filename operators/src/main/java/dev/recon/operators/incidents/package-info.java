/** Merging consecutive anomalous windows of a sensor into incidents, so a long anomaly pages once. */
package dev.recon.operators.incidents;
