package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link LatentReferences}. */
class LatentReferencesTest {

    @TempDir
    Path tmp;

    private static float[] random(int n, long seed) {
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    @Test
    void scoresTheMeanDistanceToTheKNearestCodes() {
        int count = 200;
        int size = 6;
        LatentReferences refs = new LatentReferences(random(count * size, 1), count, size);
        float[] codes = random(count * size, 1);
        float[] queries = random(5 * size, 2);
        for (int q = 0; q < 5; q++) {
            double[] distances = new double[count];
            for (int r = 0; r < count; r++) {
                double d = 0;
                for (int j = 0; j < size; j++) {
                    double diff = (double) queries[q * size + j] - codes[r * size + j];
                    d += diff * diff;
                }
                distances[r] = Math.sqrt(d);
            }
            Arrays.sort(distances);
            for (int k : new int[] {1, 5, 10}) {
                double expected = Arrays.stream(distances, 0, k).average().orElseThrow();
                assertThat(refs.score(queries, q * size, k)).as("query %d, k %d", q, k).isCloseTo(expected, within(1e-9));
            }
            // more neighbours than codes: all of them
            assertThat(refs.score(queries, q * size, 1000))
                    .isCloseTo(Arrays.stream(distances).average().orElseThrow(), within(1e-9));
        }
        // a training code itself is at distance 0 from its nearest reference
        assertThat(refs.score(codes, 7 * size, 1)).isZero();
    }

    @Test
    void roundTripsThroughItsFileAndRejectsABrokenOne() throws IOException {
        LatentReferences refs = new LatentReferences(random(30 * 4, 3), 30, 4);
        Path file = tmp.resolve(LatentReferences.FILE);
        refs.write(file);
        LatentReferences read = LatentReferences.read(file);
        assertThat(read.count()).isEqualTo(30);
        assertThat(read.size()).isEqualTo(4);
        float[] query = random(4, 4);
        assertThat(read.score(query, 0, 3)).isEqualTo(refs.score(query, 0, 3));

        byte[] bytes = Files.readAllBytes(file);
        Files.write(tmp.resolve("short.bin"), Arrays.copyOf(bytes, bytes.length - 2));
        assertThatThrownBy(() -> LatentReferences.read(tmp.resolve("short.bin"))).isInstanceOf(IOException.class)
                .hasMessageContaining("ends before its codes do");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        Files.write(tmp.resolve("long.bin"), longer);
        assertThatThrownBy(() -> LatentReferences.read(tmp.resolve("long.bin"))).hasMessageContaining("bytes after");
        bytes[0] = 'X';
        Files.write(tmp.resolve("magic.bin"), bytes);
        assertThatThrownBy(() -> LatentReferences.read(tmp.resolve("magic.bin"))).hasMessageContaining("no RLR1 header");
    }

    @Test
    void refusesCodesThatDoNotFitOrAreNotFinite() {
        assertThatThrownBy(() -> new LatentReferences(new float[7], 2, 4))
                .hasMessageContaining("expected 2 codes of 4 values");
        float[] nan = new float[8];
        nan[5] = Float.NaN;
        assertThatThrownBy(() -> new LatentReferences(nan, 2, 4)).hasMessageContaining("latent code 1 has a value");
    }
}
