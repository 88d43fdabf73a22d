package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests for {@link SeasonalMaxima}. */
class SeasonalMaximaTest {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    @Test
    void theReferenceIsTheHighestSeverityAroundTheSameTimeOnePeriodEarlier() {
        SeasonalMaxima maxima = new SeasonalMaxima(new long[] {DAY});
        long start = 1_700_000_000_000L;
        // windows of 4 hours: a reference looks at least an hour either side of t - 1 day
        for (long t = start; t < start + DAY; t += 5 * MINUTE) {
            double severity = t == start + 10 * HOUR ? 3.0 : 0.5;
            maxima.add(t, 4 * HOUR, severity);
        }
        assertThat(maxima.halfWidthMs()).isEqualTo(HOUR);
        assertThat(maxima.reference(start + DAY + 10 * HOUR)).isEqualTo(3.0);
        assertThat(maxima.reference(start + DAY + 10 * HOUR + 50 * MINUTE)).isEqualTo(3.0);
        assertThat(maxima.reference(start + DAY + 13 * HOUR)).isEqualTo(0.5);
        assertThat(maxima.reference(start + DAY + 7 * HOUR)).isEqualTo(0.5);
        // nothing is known a day before the first window
        assertThat(maxima.reference(start + HOUR)).isZero();
    }

    @Test
    void matchesTheMaximumOverTheSlotsComputedDirectly() {
        Random random = new Random(3);
        long[] periods = {DAY, 7 * DAY};
        SeasonalMaxima maxima = new SeasonalMaxima(periods);
        List<long[]> times = new ArrayList<>();
        List<Double> severities = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 6000; i++) {
            // irregular five-minute readings with a gap of two days after the first week
            t += i == 2100 ? 2 * DAY : 3 * MINUTE + random.nextInt((int) (4 * MINUTE));
            double severity = random.nextDouble() * (random.nextInt(50) == 0 ? 5 : 1);
            if (i > 0) {
                double expected = 0;
                long slot = maxima.slotMs();
                long h = maxima.halfWidthMs();
                for (long period : periods) {
                    long from = Math.floorDiv(t - period - h, slot);
                    long to = Math.floorDiv(t - period + h, slot);
                    for (int j = 0; j < times.size(); j++) {
                        long s = Math.floorDiv(times.get(j)[0], slot);
                        if (s >= from && s <= to) {
                            expected = Math.max(expected, severities.get(j));
                        }
                    }
                }
                assertThat(maxima.reference(t)).as("window %d", i).isEqualTo(expected);
            }
            maxima.add(t, 10 * HOUR, severity);
            times.add(new long[] {t});
            severities.add(severity);
        }
        assertThat(maxima.slots()).isLessThan(200); // a week of 75-minute slots, not one per reading
    }

    @Test
    void aWeekOfFiveMinuteReadingsAtWindow128KeepsAboutAKibibyte() {
        SeasonalMaxima maxima = new SeasonalMaxima(new long[] {DAY, 7 * DAY});
        maxima.add(0, 127 * 5 * MINUTE, 0.5); // a window of 128 readings spans 127 intervals
        assertThat(maxima.slots()).isEqualTo(131); // the number docs/streaming.md gives
        assertThat(maxima.slotMs()).isEqualTo(127 * 5 * MINUTE / 8);
    }

    @Test
    void memoryIsBoundedWhateverTheSamplingRate() {
        SeasonalMaxima maxima = new SeasonalMaxima(new long[] {7 * DAY});
        // one reading a second, windows of 128 seconds
        for (long t = 0; t < 8 * DAY; t += 1000) {
            maxima.add(t, 128_000, t == 3 * DAY ? 9.0 : 0.1);
        }
        assertThat(maxima.slots()).isLessThanOrEqualTo(SeasonalMaxima.MAX_SLOTS);
        assertThat(maxima.slotMs()).isGreaterThan(128_000 / 8);
        // the spike is still seen a week later, from slots coarser than a quarter window
        assertThat(maxima.reference(10 * DAY)).isEqualTo(9.0);
    }

    @Test
    void resumesIdenticallyAfterWriteAndRead() throws Exception {
        SeasonalMaxima original = new SeasonalMaxima(new long[] {DAY, 7 * DAY});
        assertThat(roundTrip(original).slots()).isZero();
        Random random = new Random(4);
        for (long t = 0; t < 3 * DAY; t += 5 * MINUTE) {
            original.add(t, 6 * HOUR, random.nextDouble());
        }
        SeasonalMaxima read = roundTrip(original);
        for (long t = 3 * DAY; t < 5 * DAY; t += 5 * MINUTE) {
            assertThat(read.reference(t)).isEqualTo(original.reference(t));
            double severity = random.nextDouble();
            original.add(t, 6 * HOUR, severity);
            read.add(t, 6 * HOUR, severity);
        }
        assertThat(read.periodsMs()).containsExactly(DAY, 7 * DAY);
    }

    @Test
    void refusesNoPeriodsAndPeriodsBelowAMillisecond() {
        assertThatThrownBy(() -> new SeasonalMaxima(new long[0])).hasMessageContaining("at least one period");
        assertThatThrownBy(() -> new SeasonalMaxima(new long[] {DAY, 0})).hasMessageContaining("got 0");
    }

    private static SeasonalMaxima roundTrip(SeasonalMaxima maxima) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        maxima.writeTo(new DataOutputStream(bytes));
        return SeasonalMaxima.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
