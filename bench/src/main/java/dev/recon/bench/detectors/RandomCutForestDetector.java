package dev.recon.bench.detectors;

import com.amazon.randomcutforest.RandomCutForest;
import dev.recon.bench.nab.NabFile;

/**
 * Baseline: Amazon's Random Cut Forest ({@code randomcutforest-java}) on shingled values; each
 * row is scored before it updates the forest, so the score is causal.
 */
public final class RandomCutForestDetector implements Detector {

    private final int shingleSize;
    private final int trees;
    private final int sampleSize;
    private final long seed;

    /** A forest of {@code trees} trees of {@code sampleSize} points over shingles of {@code shingleSize}. */
    public RandomCutForestDetector(int shingleSize, int trees, int sampleSize, long seed) {
        this.shingleSize = shingleSize;
        this.trees = trees;
        this.sampleSize = sampleSize;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "Random Cut Forest (shingle " + shingleSize + ", " + trees + " trees, sample " + sampleSize + ")";
    }

    @Override
    public double[] scores(NabFile file) {
        RandomCutForest forest = RandomCutForest.builder()
                .dimensions(shingleSize)
                .shingleSize(shingleSize)
                .internalShinglingEnabled(true)
                .numberOfTrees(trees)
                .sampleSize(sampleSize)
                .randomSeed(seed)
                .build();
        double[] v = file.values();
        double[] scores = new double[v.length];
        double[] point = new double[1];
        for (int i = 0; i < v.length; i++) {
            point[0] = v[i];
            scores[i] = forest.getAnomalyScore(point);
            forest.update(point);
        }
        return scores;
    }
}
