package dev.recon.operators.types;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Base of the hand-written Flink serializers of recon's immutable records that cross the network
 * between operators: field by field in a fixed order, without the reflection and per-field null
 * markers of the POJO serializer, and arrays of numbers in bulk (one copy of their bytes, not one
 * call per element).
 *
 * <p>Records are immutable, so copies are the record itself (a serializer of mutable state overrides
 * {@link #isImmutableType} and the copies). A serializer keeps a scratch buffer: {@link #duplicate}
 * gives each thread its own.
 *
 * @param <T> the record type
 */
public abstract class RecordSerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;
    private static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Timestamps with one step between all of them, written as the first and the step. */
    private static final byte EVENLY_SPACED = 1;
    /** Timestamps written one by one. */
    private static final byte LISTED = 0;

    private transient byte[] scratch;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public T createInstance() {
        return null; // immutable records are never deserialized into a reused instance
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj != null && obj.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    // -- field codecs for subclasses -----------------------------------------------------------------

    /** Writes a non-null string. */
    protected static void writeString(String value, DataOutputView target) throws IOException {
        StringValue.writeString(value, target);
    }

    /** Reads a string written by {@link #writeString}. */
    protected static String readString(DataInputView source) throws IOException {
        return StringValue.readString(source);
    }

    /** Writes a non-null array of non-null strings. */
    protected static void writeStrings(String[] values, DataOutputView target) throws IOException {
        target.writeInt(values.length);
        for (String value : values) {
            StringValue.writeString(value, target);
        }
    }

    /** Reads an array written by {@link #writeStrings}. */
    protected static String[] readStrings(DataInputView source) throws IOException {
        String[] values = new String[source.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = StringValue.readString(source);
        }
        return values;
    }

    /** Writes a byte array, {@code null} included. */
    protected static void writeBytes(byte[] values, DataOutputView target) throws IOException {
        if (values == null) {
            target.writeInt(-1);
            return;
        }
        target.writeInt(values.length);
        target.write(values);
    }

    /** Reads an array written by {@link #writeBytes}. */
    protected static byte[] readBytes(DataInputView source) throws IOException {
        int length = source.readInt();
        if (length < 0) {
            return null;
        }
        byte[] values = new byte[length];
        source.readFully(values);
        return values;
    }

    /** Writes a non-null array of doubles in one block. */
    protected final void writeDoubles(double[] values, DataOutputView target) throws IOException {
        target.writeInt(values.length);
        byte[] bytes = scratch(values.length * Double.BYTES);
        for (int i = 0; i < values.length; i++) {
            DOUBLES.set(bytes, i * Double.BYTES, values[i]);
        }
        target.write(bytes, 0, values.length * Double.BYTES);
    }

    /** Reads an array written by {@link #writeDoubles}. */
    protected final double[] readDoubles(DataInputView source) throws IOException {
        double[] values = new double[source.readInt()];
        byte[] bytes = scratch(values.length * Double.BYTES);
        source.readFully(bytes, 0, values.length * Double.BYTES);
        for (int i = 0; i < values.length; i++) {
            values[i] = (double) DOUBLES.get(bytes, i * Double.BYTES);
        }
        return values;
    }

    /**
     * Writes a non-null array of timestamps: evenly spaced ones (a time grid, a sensor with a steady
     * rate) as the first and the step, others in one block.
     */
    protected final void writeTimestamps(long[] values, DataOutputView target) throws IOException {
        target.writeInt(values.length);
        if (values.length > 1 && evenlySpaced(values)) {
            target.writeByte(EVENLY_SPACED);
            target.writeLong(values[0]);
            target.writeLong(values[1] - values[0]);
            return;
        }
        target.writeByte(LISTED);
        byte[] bytes = scratch(values.length * Long.BYTES);
        for (int i = 0; i < values.length; i++) {
            LONGS.set(bytes, i * Long.BYTES, values[i]);
        }
        target.write(bytes, 0, values.length * Long.BYTES);
    }

    /** Reads an array written by {@link #writeTimestamps}. */
    protected final long[] readTimestamps(DataInputView source) throws IOException {
        long[] values = new long[source.readInt()];
        if (source.readByte() == EVENLY_SPACED) {
            long first = source.readLong();
            long step = source.readLong();
            for (int i = 0; i < values.length; i++) {
                values[i] = first + i * step;
            }
            return values;
        }
        byte[] bytes = scratch(values.length * Long.BYTES);
        source.readFully(bytes, 0, values.length * Long.BYTES);
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) LONGS.get(bytes, i * Long.BYTES);
        }
        return values;
    }

    private static boolean evenlySpaced(long[] values) {
        long step = values[1] - values[0];
        for (int i = 2; i < values.length; i++) {
            if (values[i] - values[i - 1] != step) {
                return false;
            }
        }
        return true;
    }

    private byte[] scratch(int bytes) {
        if (scratch == null || scratch.length < bytes) {
            scratch = new byte[Math.max(bytes, 1024)];
        }
        return scratch;
    }
}
