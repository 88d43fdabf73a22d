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
 * Serializer of {@link ScorerInput}s: a tag, then the window ({@link RawWindowSerializer}) or the
 * announcement's text. Used only where the scorer is not chained to the assembler.
 */
public final class ScorerInputSerializer extends RecordSerializer<ScorerInput> {

    private static final long serialVersionUID = 1L;
    private static final byte WINDOW = 0;
    private static final byte ANNOUNCEMENT = 1;

    private final RawWindowSerializer windows = new RawWindowSerializer();

    @Override
    public TypeSerializer<ScorerInput> duplicate() {
        return new ScorerInputSerializer();
    }

    @Override
    public void serialize(ScorerInput record, DataOutputView target) throws IOException {
        if (record instanceof RawWindow window) {
            target.writeByte(WINDOW);
            windows.serialize(window, target);
        } else {
            target.writeByte(ANNOUNCEMENT);
            writeString(((ModelAnnouncement) record).json(), target);
        }
    }

    @Override
    public ScorerInput deserialize(DataInputView source) throws IOException {
        byte tag = source.readByte();
        return switch (tag) {
            case WINDOW -> windows.deserialize(source);
            case ANNOUNCEMENT -> new ModelAnnouncement(readString(source));
            default -> throw new IOException("unknown scorer input tag " + tag);
        };
    }

    @Override
    public TypeSerializerSnapshot<ScorerInput> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the serializer (it has no configuration). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ScorerInput> {
        /** For Flink's reflective instantiation. */
        public Snapshot() {
            super(ScorerInputSerializer::new);
        }
    }

    /** Makes Flink's type extraction use this serializer for {@link ScorerInput}. */
    public static final class Factory extends TypeInfoFactory<ScorerInput> {
        @Override
        public TypeInformation<ScorerInput> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new RecordTypeInfo<>(ScorerInput.class, new ScorerInputSerializer());
        }
    }
}
