package dev.recon.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.bundle.NoveltySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link StreamAlarm} with a novelty. */
class StreamAlarmTest {

    private static final AlarmSpec PLAIN = new AlarmSpec(AlarmSpec.ONSET_LIKELIHOOD, 0.7, 4, 100, 5, 4, List.of(),
            null, "test");
    /** Training readings between 0 and 10. */
    private static final NoveltySpec NOVELTY = NoveltySpec.fit(new double[][] {{0}, {2.5}, {5}, {7.5}, {10}}, 3);
    private static final AlarmSpec WITH_NOVELTY = PLAIN.withNovelty(NOVELTY);

    private static boolean update(StreamAlarm alarm, int i, double severity, double reading) {
        return alarm.update(severity, i * 1000L, 4000, new double[] {reading}, 1, WITH_NOVELTY);
    }

    @Test
    void aNeverSeenValuePagesAtAnomalyScoreOneWhileTheErrorIsQuiet() {
        StreamAlarm alarm = StreamAlarm.of(WITH_NOVELTY);
        for (int i = 0; i < 50; i++) {
            assertThat(update(alarm, i, 0.5, (i % 5) * 2.5)).isFalse();
        }
        assertThat(update(alarm, 50, 0.5, 30)).isTrue();
        assertThat(alarm.anomalyScore()).isEqualTo(1.0);
        assertThat(alarm.lastWasNewValue()).isTrue();
        // the new level is known now: no page while it lasts
        for (int i = 51; i < 60; i++) {
            assertThat(update(alarm, i, 0.5, 30)).as("window %d", i).isFalse();
        }
    }

    @Test
    void withoutNoveltyTheAlarmIsTheErrorsAlone() {
        StreamAlarm plain = StreamAlarm.of(PLAIN);
        StreamAlarm novel = StreamAlarm.of(WITH_NOVELTY);
        for (int i = 0; i < 80; i++) {
            double severity = i == 60 ? 8 : 0.5 + 0.01 * (i % 3);
            boolean a = plain.update(severity, i * 1000L, 4000, PLAIN);
            // readings that are all known: the same alarms, the same scores
            boolean b = update(novel, i, severity, 5);
            assertThat(b).as("window %d", i).isEqualTo(a);
            assertThat(novel.anomalyScore()).isEqualTo(plain.anomalyScore());
        }
        assertThat(plain.novelty()).isNull();
        assertThatThrownBy(() -> novel.update(1, PLAIN)).hasMessageContaining("newest readings");
        assertThatThrownBy(() -> novel.update(1, 0, 1, PLAIN)).hasMessageContaining("newest readings");
    }

    @Test
    void theErrorsSilenceDoesNotSilenceANewValue() {
        StreamAlarm alarm = StreamAlarm.of(WITH_NOVELTY);
        for (int i = 0; i < 50; i++) {
            update(alarm, i, 0.5, 5);
        }
        assertThat(update(alarm, 50, 10, 5)).as("the error's onset").isTrue();
        assertThat(alarm.lastWasNewValue()).isFalse();
        assertThat(alarm.silentFor()).isEqualTo(4);
        assertThat(update(alarm, 51, 0.5, -40)).as("a new value during the silence").isTrue();
        assertThat(alarm.anomalyScore()).isEqualTo(1.0);
    }

    @Test
    void aNewValuesPageSilencesTheOnsetThatFollowsIt() {
        StreamAlarm alarm = StreamAlarm.of(WITH_NOVELTY);
        for (int i = 0; i < 50; i++) {
            update(alarm, i, 0.5, 5);
        }
        assertThat(update(alarm, 50, 0.5, 30)).as("the new level's first reading").isTrue();
        assertThat(alarm.silentFor()).isEqualTo(4);
        // as the window fills with the new level its error rises: the same incident, no second page
        for (int i = 51; i < 55; i++) {
            assertThat(update(alarm, i, 6 + i, 30)).as("window %d", i).isFalse();
            assertThat(alarm.anomalyScore()).isZero();
        }
        assertThat(update(alarm, 55, 100, 30)).as("re-armed: a far higher error pages").isTrue();
    }

    @Test
    void followsOnlyASpecWithTheSameNovelty() throws IOException {
        StreamAlarm alarm = StreamAlarm.of(WITH_NOVELTY);
        assertThat(alarm.follows(WITH_NOVELTY)).isTrue();
        assertThat(alarm.follows(PLAIN)).isFalse();
        assertThat(StreamAlarm.of(PLAIN).follows(WITH_NOVELTY)).isFalse();
        assertThat(alarm.follows(PLAIN.withNovelty(NoveltySpec.fit(new double[][] {{0}, {20}}, 3)))).isFalse();
        for (int i = 0; i < 30; i++) {
            update(alarm, i, 0.5 + (i == 20 ? 5 : 0), i == 25 ? 50 : 5);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        alarm.writeTo(new DataOutputStream(bytes));
        StreamAlarm read = StreamAlarm.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(read.follows(WITH_NOVELTY)).isTrue();
        for (int i = 30; i < 60; i++) {
            double reading = i % 7 == 0 ? 60 + i : 5;
            assertThat(update(read, i, 0.6, reading)).as("window %d", i).isEqualTo(update(alarm, i, 0.6, reading));
            assertThat(read.anomalyScore()).isEqualTo(alarm.anomalyScore());
        }
    }
}
