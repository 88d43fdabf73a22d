package dev.recon.operators.types;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer of {@link RawWindow}s between the window assembler and the scorer (they cross the
 * network when the scorer also reads model updates): the values in one block, the timestamps as
 * first and step when evenly spaced. A window of 64 steps of one channel is ~540 bytes instead of
 * the POJO serializer's ~1,050.
 */
public final class RawWindowSerializer extends RecordSerializer<RawWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public TypeSerializer<RawWindow> duplicate() {
        return new RawWindowSerializer();
    }

    @Override
    public void serialize(RawWindow record, DataOutputView target) throws IOException {
        writeString(record.sensorId(), target);
        writeTimestamps(record.timestamps(), target);
        writeDoubles(record.values(), target);
    }

    @Override
    public RawWindow deserialize(DataInputView source) throws IOException {
        return new RawWindow(readString(source), readTimestamps(source), readDoubles(source));
    }

    @Override
    public TypeSerializerSnapshot<RawWindow> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the serializer (it has no configuration). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RawWindow> {
        /** For Flink's reflective instantiation. */
        public Snapshot() {
            super(RawWindowSerializer::new);
        }
    }

    /** Makes Flink's type extraction use this serializer for {@link RawWindow}. */
    public static final class Factory extends TypeInfoFactory<RawWindow> {
        @Override
        public TypeInformation<RawWindow> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new RecordTypeInfo<>(RawWindow.class, new RawWindowSerializer());
        }
    }
}
