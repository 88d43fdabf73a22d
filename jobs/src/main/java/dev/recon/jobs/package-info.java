/**
 * recon's runnable Flink jobs. {@link dev.recon.jobs.TimeSeriesJob} scores sensor readings from
 * Kafka with a model bundle and writes anomaly events and dead letters back to Kafka; its settings
 * are {@link dev.recon.jobs.TimeSeriesJobConfig}.
 */
package dev.recon.jobs;
