/**
 * Metric types recon's operators register on Flink metric groups and that
 * {@link dev.recon.metrics.prometheus.PrometheusReporter} exports in Prometheus' own shapes: a
 * fixed-bucket histogram and an info gauge whose labels can change at run time.
 */
package dev.recon.metrics;
