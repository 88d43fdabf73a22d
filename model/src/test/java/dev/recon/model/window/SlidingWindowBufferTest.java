package dev.recon.model.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link SlidingWindowBuffer}. */
class SlidingWindowBufferTest {

    @Test
    void firstWindowIsDueAtTheReadingThatFillsItThenEveryStride() {
        SlidingWindowBuffer buffer = new SlidingWindowBuffer(4, 1, 3);
        List<Integer> due = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            if (buffer.add(i, new float[] {i})) {
                due.add(i);
            }
        }
        assertThat(due).containsExactly(3, 6, 9, 12);
    }

    @Test
    void windowIsChronologicalAfterTheRingWraps() {
        SlidingWindowBuffer buffer = new SlidingWindowBuffer(3, 2, 1);
        for (int i = 0; i < 7; i++) {
            buffer.add(1000L + i, new float[] {i, -i});
        }
        assertThat(buffer.window()).containsExactly(4, -4, 5, -5, 6, -6);
        assertThat(buffer.windowStart()).isEqualTo(1004L);
        assertThat(buffer.windowEnd()).isEqualTo(1006L);
        assertThat(buffer.timestampAt(1)).isEqualTo(1005L);
    }

    @Test
    void strideOneEmitsAWindowAtEveryReadingOnceFull() {
        SlidingWindowBuffer buffer = new SlidingWindowBuffer(2, 1, 1);
        assertThat(buffer.add(0, new float[] {0})).isFalse();
        assertThat(buffer.isFull()).isFalse();
        assertThat(buffer.add(1, new float[] {1})).isTrue();
        assertThat(buffer.add(2, new float[] {2})).isTrue();
    }

    @Test
    void rejectsWrongChannelCountAndEarlyReads() {
        SlidingWindowBuffer buffer = new SlidingWindowBuffer(3, 2, 1);
        assertThatThrownBy(() -> buffer.add(0, new float[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 2 channel values, got 1");
        assertThatThrownBy(buffer::window)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 of 3");
        assertThatThrownBy(() -> new SlidingWindowBuffer(0, 1, 1))
                .hasMessageContaining("length=0");
    }
}
