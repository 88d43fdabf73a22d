package dev.recon.model.scoring;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The latent codes of a model's training examples, and the {@code latent-knn} score of a code
 * against them: the mean Euclidean distance to its {@code k} nearest.
 *
 * <p>An example the model has learned to encode lands among the codes of its training examples; an
 * unusual one lands apart from them even where the decoder reconstructs it well (on Fashion-MNIST
 * this ranks anomalies better than the reconstruction error, docs/BENCHMARKS.md). Scoring is a
 * brute-force scan, {@code count x size} multiply-adds per code (32,000 for a thousand 32-value
 * codes). Immutable and thread-safe.
 *
 * <p>Stored in a bundle as {@value #FILE}: the magic {@code RLR1}, the count and the size as
 * big-endian ints, then the codes as big-endian floats, one after another.
 */
public final class LatentReferences {

    /** The bundle file holding them. */
    public static final String FILE = "latent-references.bin";
    /** Most codes kept: a sample of the training examples beyond this (scoring cost grows with it). */
    public static final int MAX_CODES = 10_000;
    private static final int MAGIC = 0x524c5231; // "RLR1"

    private final float[] codes;
    private final int count;
    private final int size;

    /**
     * References of {@code count} codes of {@code size} values, laid out one after another.
     *
     * @throws IllegalArgumentException if the array does not hold exactly that, or a value is not finite
     */
    public LatentReferences(float[] codes, int count, int size) {
        if (count < 1 || size < 1 || codes.length != (long) count * size) {
            throw new IllegalArgumentException("expected " + count + " codes of " + size + " values (at least one"
                    + " of each), got an array of " + codes.length);
        }
        for (int i = 0; i < codes.length; i++) {
            if (!Float.isFinite(codes[i])) {
                throw new IllegalArgumentException("latent code " + i / size + " has a value that is not finite: "
                        + codes[i]);
            }
        }
        this.codes = codes.clone();
        this.count = count;
        this.size = size;
    }

    /** Number of codes. */
    public int count() {
        return count;
    }

    /** Values per code (the model's latent size). */
    public int size() {
        return size;
    }

    /**
     * The mean distance of the code at {@code offset} of {@code queries} to its {@code k} nearest
     * references ({@code k} is capped at {@link #count()}).
     */
    public double score(float[] queries, int offset, int k) {
        int n = Math.min(k, count);
        // the n smallest squared distances so far, in ascending order (n is small: insertion is cheap)
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int r = 0; r < count; r++) {
            double d = 0;
            int base = r * size;
            for (int j = 0; j < size; j++) {
                double diff = (double) queries[offset + j] - codes[base + j];
                d += diff * diff;
            }
            if (d < nearest[n - 1]) {
                int at = n - 1;
                while (at > 0 && nearest[at - 1] > d) {
                    nearest[at] = nearest[at - 1];
                    at--;
                }
                nearest[at] = d;
            }
        }
        double sum = 0;
        for (double d : nearest) {
            sum += Math.sqrt(d);
        }
        return sum / n;
    }

    /** Writes the references to {@code file} in the bundle format. */
    public void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(count);
            out.writeInt(size);
            for (float v : codes) {
                out.writeFloat(v);
            }
        }
    }

    /**
     * Reads references written by {@link #write}.
     *
     * @throws IOException if the file is not such a file (naming what is wrong), or cannot be read
     */
    public static LatentReferences read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a latent-references file (no RLR1 header)");
            }
            int count = in.readInt();
            int size = in.readInt();
            if (count < 1 || size < 1 || (long) count * size > 100_000_000L) {
                throw new IOException(file + " declares " + count + " codes of " + size + " values");
            }
            float[] codes = new float[count * size];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = in.readFloat();
            }
            if (in.read() != -1) {
                throw new IOException(file + " has bytes after its " + count + " codes of " + size + " values");
            }
            return new LatentReferences(codes, count, size);
        } catch (EOFException e) {
            throw new IOException(file + " ends before its codes do", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
