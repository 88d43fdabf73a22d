/**
 * Kafka wiring of recon's jobs: the record (de)serialisers that keep bytes as they are, and the
 * factories of the {@code KafkaSource} and {@code KafkaSink}s configured from a job's settings
 * ({@link dev.recon.jobs.kafka.TimeSeriesKafka}, {@link dev.recon.jobs.kafka.ImageKafka}).
 */
package dev.recon.jobs.kafka;
