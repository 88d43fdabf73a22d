/**
 * A Flink metric reporter serving Prometheus' text exposition format over HTTP on a configurable
 * address: {@link dev.recon.metrics.prometheus.PrometheusReporter}, registered as
 * {@link dev.recon.metrics.prometheus.PrometheusReporterFactory}.
 */
package dev.recon.metrics.prometheus;
