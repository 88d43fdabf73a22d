package dev.recon.operators.alarm;

import dev.recon.model.scoring.OnsetLikelihood;
import dev.recon.model.scoring.StreamAlarm;
import dev.recon.operators.types.RecordSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Keyed-state serializer of {@link SensorAlarm}: model, version, then the alarm's own binary form
 * ({@link StreamAlarm#writeTo}); no Kryo, no reflection. Unlike the records, the state is mutable,
 * so copies are deep.
 *
 * <p>State format 1 (savepoints of recon before the re-arm period) holds the score alone, format 2
 * (before seasonal periods) the alarm without the seasonal maxima, format 3 (before novelty) the
 * alarm without its novelty; their snapshots ask Flink to migrate them on restore. A format-1 sensor
 * starts armed; a sensor of formats 1 and 2 comes back without seasonal maxima, one of formats 1 to 3
 * without novelty, and {@link OnsetLikelihoodAlarm} starts it afresh if its model's alarm has them.
 */
public final class SensorAlarmSerializer extends RecordSerializer<SensorAlarm> {

    private static final long serialVersionUID = 4L;

    /** The state format written now: the {@link StreamAlarm} with its seasonal maxima and novelty. */
    static final int CURRENT_FORMAT = 4;
    /** The state format before novelty: the {@link StreamAlarm} with its seasonal maxima. */
    static final int SEASONAL_FORMAT = 3;
    /** The state format before seasonal periods: the {@link StreamAlarm} with its re-arm count. */
    static final int UNSEASONAL_FORMAT = 2;
    /** The state format before the re-arm period: the {@link OnsetLikelihood} alone. */
    static final int SCORE_ONLY_FORMAT = 1;

    private final int format;

    /** A serializer of the current state format. */
    public SensorAlarmSerializer() {
        this(CURRENT_FORMAT);
    }

    /** A serializer of state format {@code format} (an older one only to read a savepoint). */
    SensorAlarmSerializer(int format) {
        if (format < SCORE_ONLY_FORMAT || format > CURRENT_FORMAT) {
            throw new IllegalArgumentException("unknown alarm state format " + format + " (known: 1 to 4)");
        }
        this.format = format;
    }

    /** The state format this serializer reads and writes. */
    int format() {
        return format;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<SensorAlarm> duplicate() {
        return new SensorAlarmSerializer(format);
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
        // an old format writes what it reads (so that a migration round-trips): without seasonal maxima
        // or novelty
        if (format == SCORE_ONLY_FORMAT) {
            record.alarm().score().writeTo(target, false);
        } else {
            record.alarm().writeTo(target, format >= SEASONAL_FORMAT, format == CURRENT_FORMAT);
        }
    }

    @Override
    public SensorAlarm deserialize(DataInputView source) throws IOException {
        String model = readString(source);
        String version = readString(source);
        StreamAlarm alarm = format == SCORE_ONLY_FORMAT
                ? new StreamAlarm(OnsetLikelihood.readFrom(source, false), 0)
                : StreamAlarm.readFrom(source, format >= SEASONAL_FORMAT, format == CURRENT_FORMAT);
        return new SensorAlarm(model, version, alarm);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SensorAlarmSerializer other && other.format == format;
    }

    @Override
    public int hashCode() {
        return 31 * getClass().hashCode() + format;
    }

    @Override
    public TypeSerializerSnapshot<SensorAlarm> snapshotConfiguration() {
        return new Snapshot(format);
    }

    /**
     * Snapshot of the serializer: its state format, told by the snapshot's version (versions up to 3
     * were Flink's {@code SimpleTypeSerializerSnapshot}, written for format 1; 4 is format 2, 5 format
     * 3, 6 format 4; it has no other content).
     */
    public static final class Snapshot implements TypeSerializerSnapshot<SensorAlarm> {

        private static final int VERSION = 6;
        private static final int LAST_SEASONAL_VERSION = 5;
        private static final int LAST_UNSEASONAL_VERSION = 4;
        private static final int LAST_SCORE_ONLY_VERSION = 3;

        private int format;

        /** For Flink's reflective instantiation; {@link #readSnapshot} sets the format. */
        public Snapshot() {
            this(CURRENT_FORMAT);
        }

        Snapshot(int format) {
            this.format = format;
        }

        @Override
        public int getCurrentVersion() {
            return switch (format) {
                case CURRENT_FORMAT -> VERSION;
                case SEASONAL_FORMAT -> LAST_SEASONAL_VERSION;
                case UNSEASONAL_FORMAT -> LAST_UNSEASONAL_VERSION;
                default -> LAST_SCORE_ONLY_VERSION;
            };
        }

        @Override
        public void writeSnapshot(DataOutputView out) {
            // the version says it all
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
                throws IOException {
            format = switch (readVersion) {
                case VERSION -> CURRENT_FORMAT;
                case LAST_SEASONAL_VERSION -> SEASONAL_FORMAT;
                case LAST_UNSEASONAL_VERSION -> UNSEASONAL_FORMAT;
                case LAST_SCORE_ONLY_VERSION -> SCORE_ONLY_FORMAT;
                default -> throw new IOException("alarm state snapshot of version " + readVersion
                        + " is not known here (known: " + LAST_SCORE_ONLY_VERSION + " to " + VERSION + ")");
            };
        }

        @Override
        public TypeSerializer<SensorAlarm> restoreSerializer() {
            return new SensorAlarmSerializer(format);
        }

        @Override
        public TypeSerializerSchemaCompatibility<SensorAlarm> resolveSchemaCompatibility(
                TypeSerializerSnapshot<SensorAlarm> oldSerializerSnapshot) {
            if (!(oldSerializerSnapshot instanceof Snapshot old)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            if (old.format == format) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return old.format < format
                    ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
