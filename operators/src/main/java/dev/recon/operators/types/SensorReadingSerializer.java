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

/** Serializer of {@link SensorReading}s on their way from the parser to the keyed window assembler. */
public final class SensorReadingSerializer extends RecordSerializer<SensorReading> {

    private static final long serialVersionUID = 1L;

    @Override
    public TypeSerializer<SensorReading> duplicate() {
        return new SensorReadingSerializer();
    }

    @Override
    public void serialize(SensorReading record, DataOutputView target) throws IOException {
        writeString(record.sensorId(), target);
        target.writeLong(record.ts());
        writeStrings(record.channels(), target);
        double[] values = record.values();
        target.writeInt(values.length);
        for (double value : values) {
            target.writeDouble(value); // a reading has a few values: no block needed
        }
        writeString(record.origin(), target);
        writeBytes(record.payload(), target);
    }

    @Override
    public SensorReading deserialize(DataInputView source) throws IOException {
        String sensorId = readString(source);
        long ts = source.readLong();
        String[] channels = readStrings(source);
        double[] values = new double[source.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = source.readDouble();
        }
        return new SensorReading(sensorId, ts, channels, values, readString(source), readBytes(source));
    }

    @Override
    public TypeSerializerSnapshot<SensorReading> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the serializer (it has no configuration). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SensorReading> {
        /** For Flink's reflective instantiation. */
        public Snapshot() {
            super(SensorReadingSerializer::new);
        }
    }

    /** Makes Flink's type extraction use this serializer for {@link SensorReading}. */
    public static final class Factory extends TypeInfoFactory<SensorReading> {
        @Override
        public TypeInformation<SensorReading> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new RecordTypeInfo<>(SensorReading.class, new SensorReadingSerializer());
        }
    }
}
