/**
 * Memory over a long run: heap, non-heap, direct buffers and the process's resident set sampled
 * while the end-to-end job runs at a steady rate, with the least-squares trend after a warm-up.
 */
package dev.recon.bench.memory;
