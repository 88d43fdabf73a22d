/**
 * Flink building blocks of recon: turning raw records into readings (or images), readings into
 * scored windows, scored windows and images into anomaly events, and every unusable record into a
 * dead letter.
 *
 * <p>Nothing here knows Kafka or topic names: sources and sinks are the job's business
 * ({@code dev.recon.jobs}). The sub-packages are
 * <ul>
 *   <li>{@link dev.recon.operators.types}: the records that flow between operators;</li>
 *   <li>{@link dev.recon.operators.parse}: payload validation and parsing;</li>
 *   <li>{@link dev.recon.operators.image}: image decoding, conversion to the model's shape and scaling;</li>
 *   <li>{@link dev.recon.operators.scoring}: keyed windowing and model scoring;</li>
 *   <li>{@link dev.recon.operators.events}: anomaly events and the JSON wire formats;</li>
 *   <li>{@link dev.recon.operators.metrics}: metric and accumulator names and the counters behind them.</li>
 * </ul>
 */
package dev.recon.operators;
