package dev.recon.operators.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.operators.types.RecordRejectedException;
import dev.recon.operators.types.SensorReading;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link ReadingFastPath}: whatever it accepts, the checking path accepts with the same
 * reading; it takes the common forms itself.
 */
class ReadingFastPathTest {

    private static final String ORIGIN = "sensor-readings/0@42";

    private static final List<String> CORPUS = List.of(
            "{\"sensorId\":\"pump-7\",\"ts\":1763877354123,\"value\":71.3}",
            "{\"sensorId\": \"pump-7\", \"ts\": 1763877354123, \"values\": {\"temperature\": 71.3, \"vibration\": 0.021}}",
            "{\"ts\":5,\"value\":-3,\"sensorId\":\"t1\"}",
            "{\"sensorId\":\"s\",\"ts\":0,\"value\":1e3}",
            "{\"sensorId\":\"s\",\"ts\":1,\"value\":-0.0}",
            "{\"sensorId\":\"s\",\"ts\":1,\"value\":123456789012345678901234567890}",
            "{\"sensorId\":\"s\",\"ts\":1,\"value\":1e400}",
            "{\"sensorId\":\"s\",\"ts\":1,\"value\":NaN}",
            "{\"sensorId\":\"s\",\"ts\":1,\"values\":{\"a\":1,\"b\":Infinity}}",
            "{\"sensorId\":\"s\",\"ts\":1,\"values\":{\"a\":1,\"a\":2}}",
            "{\"sensorId\":\"s\",\"ts\":1,\"values\":{\" \":1}}",
            "{\"sensorId\":\"s\",\"ts\":1,\"values\":{}}",
            "{\"sensorId\":\"s\",\"ts\":1,\"values\":[1,2]}",
            "{\"sensorId\":\"s\",\"ts\":1,\"value\":1,\"values\":{\"a\":1}}",
            "{\"sensorId\":\"s\",\"ts\":1}",
            "{\"sensorId\":\"s\",\"value\":1}",
            "{\"ts\":1,\"value\":1}",
            "{\"sensorId\":\"  \",\"ts\":1,\"value\":1}",
            "{\"sensorId\":7,\"ts\":1,\"value\":1}",
            "{\"sensorId\":\"s\",\"sensorId\":\"t\",\"ts\":1,\"value\":1}",
            "{\"sensorId\":\"s\",\"ts\":1,\"ts\":2,\"value\":1}",
            "{\"sensorId\":\"s\",\"ts\":-1,\"value\":1}",
            "{\"sensorId\":\"s\",\"ts\":100000000000000000000,\"value\":1}",
            "{\"sensorId\":\"s\",\"ts\":1763877354123.0,\"value\":1}",
            "{\"sensorId\":\"s\",\"ts\":1763877354123.5,\"value\":1}",
            "{\"sensorId\":\"s\",\"ts\":\"2025-11-23T05:55:54.123Z\",\"value\":1}",
            "{\"sensorId\":\"s\",\"ts\":null,\"value\":1}",
            "{\"sensorId\":\"s\",\"ts\":1,\"value\":\"1\"}",
            "{\"sensorId\":\"s\",\"ts\":1,\"value\":1,\"unit\":\"C\",\"site\":{\"a\":1}}",
            "{\"sensorId\":\"s\",\"ts\":1,\"value\":1,\"site\":{\"a\":1,\"a\":2}}",
            "{\"sensorId\":\"s\",\"ts\":1,\"value\":1,\"unit\":\"C\",\"unit\":\"F\"}",
            "{\"sensorId\":\"s\",\"ts\":1,\"value\":1,\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5}",
            "{\"sensorId\":\"s\",\"ts\":1,\"value\":1} {}",
            "{\"sensorId\":\"s\",\"ts\":1,\"value\":1}   ",
            "[1,2]",
            "42",
            "   ",
            "{\"sensorId\":\"s\",\"ts\":1,\"value\":}",
            "{\"sensorId\":\"s\"");

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The fast path's answer must be null or exactly what the checking path answers. */
    private static boolean agrees(byte[] payload) {
        SensorReading fast = ReadingDecoder.FAST_PATH.read(payload, ORIGIN);
        if (fast == null) {
            return false;
        }
        SensorReading checked;
        try {
            checked = ReadingDecoder.decodeChecked(payload, ORIGIN);
        } catch (RecordRejectedException e) {
            throw new AssertionError("the fast path accepted what the checking path rejects ("
                    + e.getMessage() + "): " + new String(payload, StandardCharsets.UTF_8), e);
        }
        assertThat(fast).as(new String(payload, StandardCharsets.UTF_8)).isEqualTo(checked);
        return true;
    }

    @Test
    void acceptsOnlyWhatTheCheckingPathAcceptsWithTheSameReading() {
        List<String> taken = new ArrayList<>();
        for (String json : CORPUS) {
            if (agrees(utf8(json))) {
                taken.add(json);
            }
        }
        assertThat(taken).as("the common forms take the fast path").contains(CORPUS.get(0), CORPUS.get(1),
                CORPUS.get(2), CORPUS.get(5));
    }

    @Test
    void agreesWithTheCheckingPathOnMutatedPayloads() {
        Random random = new Random(7);
        byte[] alphabet = utf8("{}[]\":,0123456789.-+eE \\ntfalsuNI\u00e9");
        int taken = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] payload = utf8(CORPUS.get(random.nextInt(CORPUS.size())));
            for (int m = 1 + random.nextInt(3); m > 0 && payload.length > 1; m--) {
                int at = random.nextInt(payload.length);
                payload = switch (random.nextInt(3)) {
                    case 0 -> replace(payload, at, alphabet[random.nextInt(alphabet.length)]);
                    case 1 -> delete(payload, at);
                    default -> insert(payload, at, alphabet[random.nextInt(alphabet.length)]);
                };
            }
            if (agrees(payload)) {
                taken++;
            }
        }
        assertThat(taken).as("some mutations are still valid readings").isPositive();
    }

    @Test
    void agreesOnInvalidUtf8InAnIgnoredField() {
        byte[] payload = utf8("{\"sensorId\":\"s\",\"ts\":1,\"value\":1,\"note\":\"ab?\"}");
        payload[payload.length - 3] = (byte) 0xC3; // a two-byte sequence the quote does not continue
        agrees(payload);
    }

    private static byte[] replace(byte[] b, int at, byte with) {
        byte[] out = b.clone();
        out[at] = with;
        return out;
    }

    private static byte[] delete(byte[] b, int at) {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        return out;
    }

    private static byte[] insert(byte[] b, int at, byte with) {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = with;
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
    }
}
