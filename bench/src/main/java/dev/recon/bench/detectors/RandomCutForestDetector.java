package dev.recon.bench.detectors;

import com.amazon.randomcutforest.RandomCutForest;
import dev.recon.bench.nab.NabFile;

/**
 * Baseline: Amazon's Random Cut Forest ({@code randomcutforest-java}) configured as NAB's published
 * {@code randomCutForest} results were, scoring each row before it updates the forest (causal).
 */
public final class RandomCutForestDetector implements Detector {

    /**
     * Kinesis Analytics' default {@code timeDecay} of {@code RANDOM_CUT_FOREST}, the one NAB's run used: how
     * many recent records the sample favours, so far beyond any NAB file that the sample is all but uniform.
     */
    public static final int KINESIS_TIME_DECAY = 100_000;

    private final int shingleSize;
    private final int trees;
    private final int sampleSize;
    private final int timeDecay;
    private final long seed;

    /**
     * NAB's published configuration ({@code nab/detectors/random_cut_forest/random_cut_forest.sql}): Kinesis
     * Analytics' {@code RANDOM_CUT_FOREST} with its defaults, 100 trees of 256 points, time decay 100,000, no
     * shingling (the SQL's comment: shingles of 4, 24 and 48 and 200 trees scored no better).
     */
    public static RandomCutForestDetector nabPublished(long seed) {
        return new RandomCutForestDetector(1, 100, 256, KINESIS_TIME_DECAY, seed);
    }

    /** A forest of {@code trees} trees of {@code sampleSize} points on {@code shingleSize}-shingles, Kinesis decay. */
    public RandomCutForestDetector(int shingleSize, int trees, int sampleSize, long seed) {
        this(shingleSize, trees, sampleSize, KINESIS_TIME_DECAY, seed);
    }

    /**
     * A forest of {@code trees} trees of {@code sampleSize} points over shingles of {@code shingleSize}.
     *
     * @param timeDecay Kinesis' {@code timeDecay}: the sample's memory in records (the forest's rate is its inverse)
     */
    public RandomCutForestDetector(int shingleSize, int trees, int sampleSize, int timeDecay, long seed) {
        if (shingleSize < 1 || trees < 1 || sampleSize < 1 || timeDecay < 1) {
            throw new IllegalArgumentException("shingle size, trees, sample size and time decay must be positive");
        }
        this.shingleSize = shingleSize;
        this.trees = trees;
        this.sampleSize = sampleSize;
        this.timeDecay = timeDecay;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "Random Cut Forest (shingle " + shingleSize + ", " + trees + " trees, sample " + sampleSize
                + ", time decay " + timeDecay + ")";
    }

    @Override
    public double[] scores(NabFile file) {
        RandomCutForest forest = RandomCutForest.builder()
                .dimensions(shingleSize)
                .shingleSize(shingleSize)
                .internalShinglingEnabled(shingleSize > 1)
                .numberOfTrees(trees)
                .sampleSize(sampleSize)
                // randomcutforest-java's default (1 / (10 * sampleSize)) forgets after a few thousand rows;
                // Kinesis' timeDecay counts records, so its rate is the inverse
                .timeDecay(1.0 / timeDecay)
                // Kinesis emits 0 until the sample is full (NAB's CSVs: the first 256 rows score 0), the library only
                // until a quarter of it is: no matter inside NAB's probation (15% of a file), but where a file's
                // probation is shorter than the sample (under 1,707 rows for 256) the first, noisy scores would count
                .outputAfter(sampleSize)
                .randomSeed(seed)
                .build();
        // The forest's score lies in [0, log2(sampleSize + 1)]; NAB divided Kinesis' by log2(256) = 8 for [0, 1]. A
        // constant, so causal, and the sweep (one threshold over all files) ranks the rows the same either way.
        double scale = Math.log(sampleSize + 1.0) / Math.log(2.0);
        double[] v = file.values();
        double[] scores = new double[v.length];
        // the forest stores floats (its default precision) and its double[] methods are deprecated conversions
        float[] point = new float[1];
        for (int i = 0; i < v.length; i++) {
            point[0] = (float) v[i];
            scores[i] = forest.getAnomalyScore(point) / scale;
            forest.update(point);
        }
        return scores;
    }
}
