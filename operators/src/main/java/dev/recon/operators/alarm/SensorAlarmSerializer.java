package dev.recon.operators.alarm;

import dev.recon.model.scoring.OnsetLikelihood;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Keyed-state serializer of {@link SensorAlarm}: model, version, then the score's own binary form
 * ({@link OnsetLikelihood#writeTo}); no Kryo, no reflection. The state is mutable, so copies are deep.
 */
public final class SensorAlarmSerializer extends TypeSerializer<SensorAlarm> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<SensorAlarm> duplicate() {
        return this; // stateless
    }

    @Override
    public SensorAlarm createInstance() {
        return null;
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
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SensorAlarm record, DataOutputView target) throws IOException {
        StringValue.writeString(record.model(), target);
        StringValue.writeString(record.modelVersion(), target);
        record.score().writeTo(target);
    }

    @Override
    public SensorAlarm deserialize(DataInputView source) throws IOException {
        String model = StringValue.readString(source);
        String version = StringValue.readString(source);
        return new SensorAlarm(model, version, OnsetLikelihood.readFrom(source));
    }

    @Override
    public SensorAlarm deserialize(SensorAlarm reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SensorAlarmSerializer;
    }

    @Override
    public int hashCode() {
        return SensorAlarmSerializer.class.hashCode();
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
