package dev.recon.metrics.prometheus;

import org.apache.flink.metrics.Metric;

/**
 * One Flink metric as Prometheus sees it: the family name, its type and the labels of its series.
 *
 * @param family the metric family name (for counters of recon, the name ending in {@code _total})
 * @param type {@code counter}, {@code gauge}, {@code summary} or {@code histogram}
 * @param labelNames label names, parallel to {@code labelValues}
 * @param labelValues label values
 * @param metric the Flink metric read at each scrape
 */
record ExportedMetric(String family, String type, String[] labelNames, String[] labelValues, Metric metric) {}
