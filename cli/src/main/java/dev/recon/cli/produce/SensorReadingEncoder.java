package dev.recon.cli.produce;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes one reading as a {@code sensor-readings} JSON message.
 *
 * <p>One channel is sent as {@code "value"}, several as a {@code "values"} object, as documented in
 * ARCHITECTURE.md. Hand-written because it runs once per record on the replay's hot path.
 */
public final class SensorReadingEncoder {

    private final String sensorIdJson;
    private final List<String> channelJson;
    private final StringBuilder buffer = new StringBuilder(128);

    /** An encoder for one sensor's readings over {@code channels}. */
    public SensorReadingEncoder(String sensorId, List<String> channels) {
        if (sensorId == null || sensorId.isBlank()) {
            throw new IllegalArgumentException("sensor id must be non-empty");
        }
        this.sensorIdJson = quote(sensorId);
        this.channelJson = channels.stream().map(SensorReadingEncoder::quote).toList();
    }

    /** The JSON bytes of one reading. */
    public byte[] encode(long timestamp, double[] values) {
        if (values.length != channelJson.size()) {
            throw new IllegalArgumentException("expected " + channelJson.size() + " values, got " + values.length);
        }
        StringBuilder b = buffer;
        b.setLength(0);
        b.append("{\"sensorId\":").append(sensorIdJson).append(",\"ts\":").append(timestamp);
        if (values.length == 1) {
            b.append(",\"value\":").append(values[0]);
        } else {
            b.append(",\"values\":{");
            for (int c = 0; c < values.length; c++) {
                b.append(c == 0 ? "" : ",").append(channelJson.get(c)).append(':').append(values[c]);
            }
            b.append('}');
        }
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
