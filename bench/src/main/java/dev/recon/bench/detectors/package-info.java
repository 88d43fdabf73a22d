/** Detectors compared on the same series: recon's autoencoders and the baselines. */
package dev.recon.bench.detectors;
