/** End-to-end throughput and latency through a real Kafka broker and the Flink job. */
package dev.recon.bench.endtoend;
