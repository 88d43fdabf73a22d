/**
 * What recon counts and under which names: each count is both a Flink metric (scraped, for
 * dashboards and alerts) and a Flink accumulator (summed over all subtasks by the JobManager, for a
 * driver such as {@code recon demo} that prints a summary).
 */
package dev.recon.operators.metrics;
