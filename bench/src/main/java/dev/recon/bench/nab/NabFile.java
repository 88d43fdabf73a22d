package dev.recon.bench.nab;

import java.util.List;

/**
 * One labelled series of the corpus.
 *
 * @param name the corpus-relative name ({@code realKnownCause/nyc_taxi.csv})
 * @param timestamps row timestamps (epoch ms)
 * @param values row values
 * @param windows labelled anomaly windows, each {@code [start, end]} timestamps of rows in the file
 */
public record NabFile(String name, long[] timestamps, double[] values, List<long[]> windows) {}
