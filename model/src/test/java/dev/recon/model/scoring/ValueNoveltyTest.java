package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.model.bundle.NoveltySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Tests for {@link ValueNovelty}. */
class ValueNoveltyTest {

    /** Training readings 0, 1, ..., 32: a radius of 1. */
    private static NoveltySpec spec(int restWindows) {
        double[][] rows = new double[33][];
        for (int i = 0; i <= 32; i++) {
            rows[i] = new double[] {i};
        }
        return NoveltySpec.fit(rows, restWindows);
    }

    private static double one(ValueNovelty novelty, double value) {
        return novelty.update(new double[] {value}, 1);
    }

    @Test
    void trainingValuesAreKnownAndANewValuePagesOnceThenIsLearned() {
        ValueNovelty novelty = ValueNovelty.of(spec(0));
        for (int i = 0; i <= 32; i++) {
            assertThat(one(novelty, i + 0.4)).as("training value %d", i).isZero();
        }
        assertThat(one(novelty, 33.2)).as("within a radius of the training range").isZero();
        assertThat(one(novelty, 40)).as("far beyond it").isEqualTo(1.0);
        assertThat(one(novelty, 40.3)).as("now known").isZero();
        assertThat(one(novelty, -10)).isEqualTo(1.0);
    }

    @Test
    void aGapInsideTheTrainingRangeIsNewToo() {
        // a square wave between 0 and 10: nothing in between was ever seen
        double[][] rows = new double[40][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i % 2 == 0 ? 0 : 10};
        }
        ValueNovelty novelty = ValueNovelty.of(NoveltySpec.fit(rows, 0));
        assertThat(one(novelty, 0.1)).isZero();
        assertThat(one(novelty, 5)).isEqualTo(1.0);
    }

    @Test
    void afterAPageNewValuesAreLearnedButSilentForTheRest() {
        ValueNovelty novelty = ValueNovelty.of(spec(2));
        assertThat(one(novelty, 50)).isEqualTo(1.0);
        assertThat(novelty.restingFor()).isEqualTo(2);
        assertThat(one(novelty, 60)).as("resting").isZero();
        assertThat(one(novelty, 70)).as("resting").isZero();
        assertThat(one(novelty, 60.5)).as("60 was learned while resting").isZero();
        assertThat(one(novelty, 80)).isEqualTo(1.0);
    }

    @Test
    void aWindowIsNewWhenAnyOfItsNewestReadingsOnAnyChannelIs() {
        NoveltySpec two = NoveltySpec.fit(new double[][] {{0, 0}, {32, 32}}, 0);
        ValueNovelty novelty = ValueNovelty.of(two);
        // three steps in the window; the newest two are judged: (0, 0) and (32, 16)
        assertThat(novelty.update(new double[] {99, 99, 0, 0, 32, 16}, 2)).isEqualTo(1.0);
        assertThat(novelty.update(new double[] {0, 0, 0, 16.5}, 1)).as("16 was learned").isZero();
        assertThat(novelty.update(new double[] {99, 99, 0, 0}, 1)).as("the older step is not judged").isZero();
        assertThat(novelty.update(new double[] {Double.NaN, 0}, 1)).isZero();
        assertThatThrownBy(() -> novelty.update(new double[] {1, 2, 3}, 1)).hasMessageContaining("3 values");
    }

    @Test
    void writtenAndReadItContinuesExactly() throws IOException {
        ValueNovelty novelty = ValueNovelty.of(spec(3));
        one(novelty, 50);
        one(novelty, 55);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        novelty.writeTo(new DataOutputStream(bytes));
        ValueNovelty read = ValueNovelty.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(read.restingFor()).isEqualTo(novelty.restingFor());
        assertThat(read.follows(spec(3))).isTrue();
        assertThat(read.follows(NoveltySpec.fit(new double[][] {{0}, {64}}, 3))).isFalse();
        double[] probes = {55.2, 10, 80, 50.5, 90, 100, -20, 30};
        for (double probe : probes) {
            assertThat(one(read, probe)).as("probe %s", probe).isEqualTo(one(novelty, probe));
        }
    }

    @Test
    void aCorruptStateIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(1);
        out.writeDouble(5);
        out.writeDouble(1); // low above high
        out.writeInt(32);
        out.writeInt(0);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertThatThrownBy(() -> ValueNovelty.readFrom(in))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt novelty state");
    }
}
