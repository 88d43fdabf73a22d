package dev.recon.operators.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.model.scoring.OnsetLikelihood;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Tests for {@link SensorAlarmSerializer}. */
class SensorAlarmSerializerTest {

    private static SensorAlarm alarmAfter(int severities) {
        OnsetLikelihood score = new OnsetLikelihood(6);
        for (int i = 0; i < severities; i++) {
            score.update(0.4 + (i % 13 == 0 ? 3 : 0.01 * (i % 5)));
        }
        return new SensorAlarm("pump", "7", score);
    }

    @Test
    void roundTripsAndContinuesLikeTheOriginal() throws Exception {
        SensorAlarm alarm = alarmAfter(250);
        SensorAlarmSerializer serializer = new SensorAlarmSerializer();
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(alarm, out);
        SensorAlarm read = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(read.judges("pump", "7")).isTrue();
        assertThat(read.judges("pump", "8")).isFalse();
        assertThat(read.score().count()).isEqualTo(250);
        for (int i = 0; i < 50; i++) {
            double severity = 0.5 + (i == 20 ? 4 : 0);
            assertThat(read.score().update(severity)).isEqualTo(alarm.score().update(severity));
        }
    }

    @Test
    void copiesAreDeepBecauseTheStateIsUpdatedInPlace() {
        SensorAlarm alarm = alarmAfter(120);
        SensorAlarmSerializer serializer = new SensorAlarmSerializer();
        assertThat(serializer.isImmutableType()).isFalse();
        SensorAlarm copy = serializer.copy(alarm);
        copy.score().update(9);
        assertThat(alarm.score().count()).isEqualTo(120);
        assertThat(copy.score().count()).isEqualTo(121);
        TypeSerializer<SensorAlarm> restored = serializer.snapshotConfiguration().restoreSerializer();
        assertThat(restored).isEqualTo(serializer);
    }
}
