/** recon's benchmarks: operator throughput, detection quality and baselines, written to docs/BENCHMARKS.md. */
package dev.recon.bench;
