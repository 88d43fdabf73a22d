package dev.recon.operators.alarm;

import dev.recon.model.scoring.OnsetLikelihood;
import dev.recon.operators.types.RecordSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Keyed-state serializer of {@link SensorAlarm}: model, version, then the score's own binary form
 * ({@link OnsetLikelihood#writeTo}); no Kryo, no reflection. Unlike the records, the state is
 * mutable, so copies are deep.
 */
public final class SensorAlarmSerializer extends RecordSerializer<SensorAlarm> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<SensorAlarm> duplicate() {
        return new SensorAlarmSerializer();
    }

    @Override
    public SensorAlarm copy(SensorAlarm from) {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        try {
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy alarm state of model " + from.model(), e); // in memory
        }
    }

    @Override
    public SensorAlarm copy(SensorAlarm from, SensorAlarm reuse) {
        return copy(from);
    }

    @Override
    public void serialize(SensorAlarm record, DataOutputView target) throws IOException {
        writeString(record.model(), target);
        writeString(record.modelVersion(), target);
        record.score().writeTo(target);
    }

    @Override
    public SensorAlarm deserialize(DataInputView source) throws IOException {
        String model = readString(source);
        String version = readString(source);
        return new SensorAlarm(model, version, OnsetLikelihood.readFrom(source));
    }

    @Override
    public TypeSerializerSnapshot<SensorAlarm> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the serializer (it has no configuration). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SensorAlarm> {
        /** For Flink's reflective instantiation. */
        public Snapshot() {
            super(SensorAlarmSerializer::new);
        }
    }
}
