package dev.recon.model.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link SlidingWindowBuffer}. */
class SlidingWindowBufferTest {

    private static final ZScoreNormalizer IDENTITY = new ZScoreNormalizer(new double[] {0, 0}, new double[] {1, 1});

    @Test
    void firstWindowIsDueAtTheReadingThatFillsItThenEveryStride() {
        SlidingWindowBuffer buffer = new SlidingWindowBuffer(4, 1, 3);
        List<Integer> due = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            if (buffer.add(i, new double[] {i})) {
                due.add(i);
            }
        }
        assertThat(due).containsExactly(3, 6, 9, 12);
    }

    @Test
    void windowIsChronologicalAfterTheRingWraps() {
        SlidingWindowBuffer buffer = new SlidingWindowBuffer(3, 2, 1);
        for (int i = 0; i < 7; i++) {
            buffer.add(1000L + i, new double[] {i, -i});
        }
        assertThat(buffer.rawWindow()).containsExactly(4, -4, 5, -5, 6, -6);
        assertThat(buffer.windowTimestamps()).containsExactly(1004L, 1005L, 1006L);
        assertThat(buffer.windowStart()).isEqualTo(1004L);
        assertThat(buffer.windowEnd()).isEqualTo(1006L);
        assertThat(buffer.lastTimestamp()).isEqualTo(1006L);
        float[] out = new float[8];
        buffer.copyWindow(IDENTITY, out, 2);
        assertThat(out).containsExactly(0, 0, 4, -4, 5, -5, 6, -6);
    }

    @Test
    void copiesNormalisedValuesAsTheNormaliserComputesThem() {
        ZScoreNormalizer normalizer = new ZScoreNormalizer(new double[] {10}, new double[] {2});
        SlidingWindowBuffer buffer = new SlidingWindowBuffer(2, 1, 1);
        buffer.add(0, new double[] {12});
        buffer.add(1, new double[] {7});
        float[] out = new float[2];
        buffer.copyWindow(normalizer, out, 0);
        assertThat(out).containsExactly(1f, -1.5f);
    }

    @Test
    void strideOneEmitsAWindowAtEveryReadingOnceFull() {
        SlidingWindowBuffer buffer = new SlidingWindowBuffer(2, 1, 1);
        assertThat(buffer.lastTimestamp()).isEqualTo(Long.MIN_VALUE);
        assertThat(buffer.add(0, new double[] {0})).isFalse();
        assertThat(buffer.isFull()).isFalse();
        assertThat(buffer.add(1, new double[] {1})).isTrue();
        assertThat(buffer.add(2, new double[] {2})).isTrue();
        assertThat(buffer.fits(2, 1)).isTrue();
        assertThat(buffer.fits(3, 1)).isFalse();
    }

    @Test
    void rejectsWrongChannelCountAndEarlyReads() {
        SlidingWindowBuffer buffer = new SlidingWindowBuffer(3, 2, 1);
        assertThatThrownBy(() -> buffer.add(0, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 2 channel values, got 1");
        assertThatThrownBy(buffer::rawWindow)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 of 3");
        assertThatThrownBy(() -> new SlidingWindowBuffer(0, 1, 1))
                .hasMessageContaining("length=0");
    }
}
