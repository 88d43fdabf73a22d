/**
 * A NAB-style evaluation: Numenta Anomaly Benchmark scoring (anomaly windows, the scaled sigmoid,
 * cost profiles, a corpus-wide threshold sweep, normalisation by the null and perfect detectors).
 */
package dev.recon.bench.nab;
