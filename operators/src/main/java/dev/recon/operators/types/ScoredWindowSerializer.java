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

/** Serializer of {@link ScoredWindow}s on their way from the scorer to the keyed incident tracker. */
public final class ScoredWindowSerializer extends RecordSerializer<ScoredWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public TypeSerializer<ScoredWindow> duplicate() {
        return new ScoredWindowSerializer();
    }

    @Override
    public void serialize(ScoredWindow record, DataOutputView target) throws IOException {
        writeString(record.sensorId(), target);
        target.writeLong(record.windowStart());
        target.writeLong(record.windowEnd());
        target.writeDouble(record.score());
        target.writeDouble(record.threshold());
        target.writeBoolean(record.anomalous());
        writeStrings(record.channels(), target);
        writeDoubles(record.channelErrors(), target);
        target.writeLong(record.peakTs());
        writeString(record.model(), target);
        writeString(record.modelVersion(), target);
        writeDoubles(record.newestValues(), target);
    }

    @Override
    public ScoredWindow deserialize(DataInputView source) throws IOException {
        return new ScoredWindow(readString(source), source.readLong(), source.readLong(), source.readDouble(),
                source.readDouble(), source.readBoolean(), readStrings(source), readDoubles(source),
                source.readLong(), readString(source), readString(source), readDoubles(source));
    }

    @Override
    public TypeSerializerSnapshot<ScoredWindow> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the serializer (it has no configuration). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ScoredWindow> {
        /** For Flink's reflective instantiation. */
        public Snapshot() {
            super(ScoredWindowSerializer::new);
        }
    }

    /** Makes Flink's type extraction use this serializer for {@link ScoredWindow}. */
    public static final class Factory extends TypeInfoFactory<ScoredWindow> {
        @Override
        public TypeInformation<ScoredWindow> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new RecordTypeInfo<>(ScoredWindow.class, new ScoredWindowSerializer());
        }
    }
}
