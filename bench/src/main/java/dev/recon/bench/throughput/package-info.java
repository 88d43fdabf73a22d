/** Operator-level scoring throughput: DJL in micro-batches against a plain-Java forward pass. */
package dev.recon.bench.throughput;
