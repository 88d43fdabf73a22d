package dev.recon.operators.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.bundle.NoveltySpec;
import dev.recon.model.scoring.OnsetLikelihood;
import dev.recon.model.scoring.StreamAlarm;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link SensorAlarmSerializer}. */
class SensorAlarmSerializerTest {

    private static final AlarmSpec SPEC =
            new AlarmSpec(AlarmSpec.ONSET_LIKELIHOOD, 0.7, 6, 500, 50, 6, List.of(), null, "test");

    private static double severity(int i) {
        return 0.4 + (i % 13 == 0 ? 3 : 0.01 * (i % 5));
    }

    private static SensorAlarm alarmAfter(int severities) {
        StreamAlarm alarm = StreamAlarm.of(SPEC);
        for (int i = 0; i < severities; i++) {
            alarm.update(severity(i), SPEC);
        }
        return new SensorAlarm("pump", "7", alarm);
    }

    private static byte[] bytes(SensorAlarmSerializer serializer, SensorAlarm alarm) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(alarm, out);
        return out.getCopyOfBuffer();
    }

    @Test
    void roundTripsAndContinuesLikeTheOriginalEvenWhileSilent() throws Exception {
        SensorAlarm alarm = alarmAfter(251); // 13 x 19 + 4: silent after the alarm of window 247
        assertThat(alarm.alarm().silentFor()).isPositive();
        SensorAlarmSerializer serializer = new SensorAlarmSerializer();
        SensorAlarm read = serializer.deserialize(new DataInputDeserializer(bytes(serializer, alarm)));
        assertThat(read.judges("pump", "7")).isTrue();
        assertThat(read.judges("pump", "8")).isFalse();
        assertThat(read.alarm().score().count()).isEqualTo(251);
        assertThat(read.alarm().silentFor()).isEqualTo(alarm.alarm().silentFor());
        assertThat(read.alarm().follows(SPEC)).isTrue();
        assertThat(read.alarm().follows(SPEC.withSeasonalPeriods(List.of("P1D")))).isFalse();
        int alarms = 0;
        for (int i = 0; i < 50; i++) {
            double severity = 0.5 + (i % 20 == 0 ? 4 : 0);
            boolean fired = read.alarm().update(severity, SPEC);
            assertThat(fired).isEqualTo(alarm.alarm().update(severity, SPEC));
            assertThat(read.alarm().anomalyScore()).isEqualTo(alarm.alarm().anomalyScore());
            alarms += fired ? 1 : 0;
        }
        assertThat(alarms).isPositive();
    }

    @Test
    void copiesAreDeepBecauseTheStateIsUpdatedInPlace() {
        SensorAlarm alarm = alarmAfter(120);
        SensorAlarmSerializer serializer = new SensorAlarmSerializer();
        assertThat(serializer.isImmutableType()).isFalse();
        SensorAlarm copy = serializer.copy(alarm);
        copy.alarm().update(9, SPEC);
        assertThat(alarm.alarm().score().count()).isEqualTo(120);
        assertThat(copy.alarm().score().count()).isEqualTo(121);
        TypeSerializer<SensorAlarm> restored = serializer.snapshotConfiguration().restoreSerializer();
        assertThat(restored).isEqualTo(serializer);
    }

    /** A savepoint written before the re-arm period: snapshot version 3, state of the score alone. */
    @Test
    void readsAndMigratesStateOfTheScoreOnlyFormat() throws Exception {
        OnsetLikelihood score = OnsetLikelihood.of(SPEC);
        for (int i = 0; i < 200; i++) {
            score.update(severity(i));
        }
        DataOutputSerializer old = new DataOutputSerializer(64);
        old.writeUTF(SensorAlarmSerializer.Snapshot.class.getName());
        old.writeInt(3); // SimpleTypeSerializerSnapshot's version, with no content
        TypeSerializerSnapshot<SensorAlarm> oldSnapshot = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(old.getCopyOfBuffer()), getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<SensorAlarm> compatibility =
                new SensorAlarmSerializer().snapshotConfiguration().resolveSchemaCompatibility(oldSnapshot);
        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();

        SensorAlarmSerializer restored = (SensorAlarmSerializer) oldSnapshot.restoreSerializer();
        assertThat(restored.format()).isEqualTo(SensorAlarmSerializer.SCORE_ONLY_FORMAT);
        DataOutputSerializer state = new DataOutputSerializer(64);
        StringValue.writeString("pump", state);
        StringValue.writeString("7", state);
        score.writeTo(state, false); // the score's form of then: no seasonal maxima
        byte[] oldState = state.getCopyOfBuffer();
        SensorAlarm read = restored.deserialize(new DataInputDeserializer(oldState));
        assertThat(read.alarm().silentFor()).isZero();
        assertThat(read.alarm().score().count()).isEqualTo(200);
        // the format-1 serializer writes what it reads, so Flink's migration round-trips
        assertThat(bytes(restored, read)).isEqualTo(oldState);
        // migrated to the current format, it goes on as the score would have
        SensorAlarmSerializer current = new SensorAlarmSerializer();
        SensorAlarm migrated = current.deserialize(new DataInputDeserializer(bytes(current, read)));
        assertThat(migrated.alarm().score().update(0.45)).isEqualTo(score.update(0.45));
    }

    /** A savepoint written before seasonal periods: snapshot version 4, the alarm without seasonal maxima. */
    @Test
    void readsAndMigratesStateOfTheUnseasonalFormat() throws Exception {
        SensorAlarm alarm = alarmAfter(251);
        DataOutputSerializer old = new DataOutputSerializer(64);
        old.writeUTF(SensorAlarmSerializer.Snapshot.class.getName());
        old.writeInt(4);
        TypeSerializerSnapshot<SensorAlarm> oldSnapshot = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(old.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(new SensorAlarmSerializer().snapshotConfiguration().resolveSchemaCompatibility(oldSnapshot)
                .isCompatibleAfterMigration()).isTrue();

        SensorAlarmSerializer restored = (SensorAlarmSerializer) oldSnapshot.restoreSerializer();
        assertThat(restored.format()).isEqualTo(SensorAlarmSerializer.UNSEASONAL_FORMAT);
        DataOutputSerializer state = new DataOutputSerializer(64);
        StringValue.writeString("pump", state);
        StringValue.writeString("7", state);
        alarm.alarm().writeTo(state, false, false);
        byte[] oldState = state.getCopyOfBuffer();
        SensorAlarm read = restored.deserialize(new DataInputDeserializer(oldState));
        assertThat(read.alarm().silentFor()).isEqualTo(alarm.alarm().silentFor());
        assertThat(bytes(restored, read)).isEqualTo(oldState);
        SensorAlarmSerializer current = new SensorAlarmSerializer();
        SensorAlarm migrated = current.deserialize(new DataInputDeserializer(bytes(current, read)));
        for (int i = 0; i < 30; i++) {
            assertThat(migrated.alarm().update(severity(i), SPEC)).isEqualTo(alarm.alarm().update(severity(i), SPEC));
            assertThat(migrated.alarm().anomalyScore()).isEqualTo(alarm.alarm().anomalyScore());
        }
    }

    @Test
    void seasonalMaximaArePartOfTheState() throws Exception {
        AlarmSpec daily = SPEC.withSeasonalPeriods(List.of("P1D"));
        StreamAlarm alarm = StreamAlarm.of(daily);
        long hour = 3_600_000L;
        for (int i = 0; i < 60; i++) {
            alarm.update(severity(i), i * hour, 5 * hour, daily);
        }
        SensorAlarmSerializer serializer = new SensorAlarmSerializer();
        SensorAlarm read = serializer.deserialize(new DataInputDeserializer(
                bytes(serializer, new SensorAlarm("pump", "7", alarm))));
        assertThat(read.alarm().follows(daily)).isTrue();
        assertThat(read.alarm().follows(SPEC)).isFalse();
        for (int i = 60; i < 120; i++) {
            boolean fired = read.alarm().update(severity(i), i * hour, 5 * hour, daily);
            assertThat(fired).isEqualTo(alarm.update(severity(i), i * hour, 5 * hour, daily));
            assertThat(read.alarm().score().onset()).as("window %d", i).isEqualTo(alarm.score().onset());
        }
    }

    @Test
    void snapshotVersionsTellTheFormatAndUnknownOnesAreRefused() throws Exception {
        TypeSerializerSnapshot<SensorAlarm> now = new SensorAlarmSerializer().snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, now);
        TypeSerializerSnapshot<SensorAlarm> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(new SensorAlarmSerializer());
        assertThat(now.resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
        assertThat(new SensorAlarmSerializer.Snapshot(SensorAlarmSerializer.SCORE_ONLY_FORMAT)
                .resolveSchemaCompatibility(now).isIncompatible()).isTrue();
        assertThatThrownBy(() -> new SensorAlarmSerializer.Snapshot().readSnapshot(7, null, null))
                .hasMessageContaining("version 7 is not known here");
    }

    /** Readings between 0 and 10 in training; a new value every 40 windows. */
    private static final AlarmSpec NOVEL = SPEC.withNovelty(NoveltySpec.fit(new double[][] {{0}, {5}, {10}}, 4));

    private static double reading(int i) {
        return i % 40 == 39 ? 20 + i : (i % 3) * 5;
    }

    private static boolean update(StreamAlarm alarm, int i) {
        return alarm.update(severity(i), i * 1000L, 6000, new double[] {reading(i)}, 1, NOVEL);
    }

    @Test
    void theNoveltyIsPartOfTheState() throws Exception {
        StreamAlarm alarm = StreamAlarm.of(NOVEL);
        for (int i = 0; i < 81; i++) {
            update(alarm, i);
        }
        assertThat(alarm.novelty().restingFor()).isPositive();
        SensorAlarmSerializer serializer = new SensorAlarmSerializer();
        SensorAlarm read = serializer.deserialize(new DataInputDeserializer(
                bytes(serializer, new SensorAlarm("pump", "7", alarm))));
        assertThat(read.alarm().follows(NOVEL)).isTrue();
        assertThat(read.alarm().follows(SPEC)).isFalse();
        assertThat(read.alarm().novelty().restingFor()).isEqualTo(alarm.novelty().restingFor());
        int novel = 0;
        for (int i = 81; i < 200; i++) {
            boolean fired = update(read.alarm(), i);
            assertThat(fired).as("window %d", i).isEqualTo(update(alarm, i));
            assertThat(read.alarm().anomalyScore()).isEqualTo(alarm.anomalyScore());
            novel += read.alarm().anomalyScore() == 1.0 ? 1 : 0;
        }
        assertThat(novel).as("new values paged after the restore").isPositive();
    }

    /** A savepoint written before novelty: snapshot version 5, the alarm with seasonal maxima but no novelty. */
    @Test
    void readsAndMigratesStateOfTheSeasonalFormat() throws Exception {
        SensorAlarm alarm = alarmAfter(251);
        DataOutputSerializer old = new DataOutputSerializer(64);
        old.writeUTF(SensorAlarmSerializer.Snapshot.class.getName());
        old.writeInt(5);
        TypeSerializerSnapshot<SensorAlarm> oldSnapshot = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(old.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(new SensorAlarmSerializer().snapshotConfiguration().resolveSchemaCompatibility(oldSnapshot)
                .isCompatibleAfterMigration()).isTrue();

        SensorAlarmSerializer restored = (SensorAlarmSerializer) oldSnapshot.restoreSerializer();
        assertThat(restored.format()).isEqualTo(SensorAlarmSerializer.SEASONAL_FORMAT);
        DataOutputSerializer state = new DataOutputSerializer(64);
        StringValue.writeString("pump", state);
        StringValue.writeString("7", state);
        alarm.alarm().writeTo(state, true, false);
        byte[] oldState = state.getCopyOfBuffer();
        SensorAlarm read = restored.deserialize(new DataInputDeserializer(oldState));
        assertThat(bytes(restored, read)).isEqualTo(oldState);
        SensorAlarmSerializer current = new SensorAlarmSerializer();
        SensorAlarm migrated = current.deserialize(new DataInputDeserializer(bytes(current, read)));
        assertThat(migrated.alarm().novelty()).isNull();
        // the operator starts a sensor afresh when its model's alarm has a novelty the state lacks
        assertThat(migrated.alarm().follows(NOVEL)).isFalse();
        assertThat(migrated.alarm().follows(SPEC)).isTrue();
        for (int i = 0; i < 30; i++) {
            assertThat(migrated.alarm().update(severity(i), SPEC)).isEqualTo(alarm.alarm().update(severity(i), SPEC));
        }
    }
}
