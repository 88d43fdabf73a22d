package dev.recon.bench.detectors;

import dev.recon.bench.nab.NabFile;

/** Scores every row of a series causally: row {@code i}'s score uses rows up to {@code i} only. */
public interface Detector {

    /** Name in reports. */
    String name();

    /** One anomaly score per row (higher is more anomalous). */
    double[] scores(NabFile file) throws Exception;
}
