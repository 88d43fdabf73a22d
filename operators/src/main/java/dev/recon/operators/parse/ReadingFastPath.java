package dev.recon.operators.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.recon.operators.types.SensorReading;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a well-formed {@code sensor-readings} payload in one pass of Jackson's streaming parser over
 * the bytes: no tree, field names interned by the parser, numbers parsed from its buffer.
 *
 * <p>It accepts only what {@link ReadingDecoder}'s checking path accepts, with the same result, and
 * answers {@code null} for anything else: any error, and also whatever it would have to check the
 * long way (an ISO or fractional {@code ts}, an unknown field holding an object or array, whose
 * duplicate keys the checking path rejects, more than {@value #MAX_CHANNELS} channels). The decoder
 * then parses the payload again with the checking path, which says exactly what is wrong. So
 * rejections cost two parses and valid readings one.
 *
 * <p>The parser runs without duplicate detection (whose bookkeeping allocates per record);
 * duplicates of the known fields, of channel names and of unknown scalar fields are caught here.
 */
final class ReadingFastPath {

    /** Readings with more channels take the checking path (duplicate names are found by a linear scan). */
    static final int MAX_CHANNELS = 32;

    private final JsonFactory factory;

    /** A fast path over parsers of {@code factory}, which must not detect duplicates itself. */
    ReadingFastPath(JsonFactory factory) {
        this.factory = factory;
    }

    /** The reading, or {@code null} when the payload needs the checking path. */
    SensorReading read(byte[] payload, String origin) {
        try (JsonParser parser = factory.createParser(payload)) {
            return read(parser, payload, origin);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static SensorReading read(JsonParser parser, byte[] payload, String origin) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String sensorId = null;
        long ts = -1;
        double value = 0;
        boolean hasValue = false;
        String[] channels = null;
        double[] values = null;
        String[] others = null;
        int otherCount = 0;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            switch (name) {
                case ReadingDecoder.SENSOR_ID -> {
                    if (sensorId != null || token != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    sensorId = parser.getText();
                }
                case ReadingDecoder.TS -> {
                    if (ts >= 0 || token != JsonToken.VALUE_NUMBER_INT) {
                        return null;
                    }
                    ts = parser.getLongValue();
                    if (ts < 0) {
                        return null;
                    }
                }
                case ReadingDecoder.VALUE -> {
                    if (hasValue || !token.isNumeric()) {
                        return null;
                    }
                    value = parser.getDoubleValue();
                    hasValue = true;
                    if (!Double.isFinite(value)) {
                        return null;
                    }
                }
                case ReadingDecoder.VALUES -> {
                    if (channels != null || token != JsonToken.START_OBJECT) {
                        return null;
                    }
                    channels = new String[4];
                    values = new double[4];
                    int count = 0;
                    String channel;
                    while ((channel = parser.nextFieldName()) != null) {
                        if (count == MAX_CHANNELS || channel.isBlank() || !parser.nextToken().isNumeric()
                                || indexOf(channels, count, channel) >= 0) {
                            return null;
                        }
                        double v = parser.getDoubleValue();
                        if (!Double.isFinite(v)) {
                            return null;
                        }
                        if (count == channels.length) {
                            channels = Arrays.copyOf(channels, count * 2);
                            values = Arrays.copyOf(values, count * 2);
                        }
                        channels[count] = channel;
                        values[count++] = v;
                    }
                    if (count == 0) {
                        return null;
                    }
                    if (count < channels.length) {
                        channels = Arrays.copyOf(channels, count);
                        values = Arrays.copyOf(values, count);
                    }
                }
                default -> {
                    if (token.isStructStart()) {
                        return null;
                    }
                    if (others == null) {
                        others = new String[4];
                    } else if (indexOf(others, otherCount, name) >= 0 || otherCount == others.length) {
                        return null;
                    }
                    others[otherCount++] = name;
                }
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
            return null;
        }
        if (sensorId == null || sensorId.isBlank() || sensorId.length() > ReadingDecoder.MAX_SENSOR_ID_LENGTH
                || ts < 0 || hasValue == (channels != null)) {
            return null;
        }
        return hasValue
                ? SensorReading.single(sensorId, ts, value, origin, payload)
                : new SensorReading(sensorId, ts, channels, values, origin, payload);
    }

    private static int indexOf(String[] names, int count, String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
