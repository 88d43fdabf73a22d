/**
 * A real Kafka broker (KRaft, one combined broker and controller, loopback only) started inside the
 * JVM for {@code recon demo} and integration tests, or as a child process through
 * {@link dev.recon.kafka.embedded.EmbeddedKafkaBrokerMain}.
 */
package dev.recon.kafka.embedded;
