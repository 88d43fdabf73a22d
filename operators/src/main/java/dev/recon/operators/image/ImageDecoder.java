package dev.recon.operators.image;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.recon.model.arch.Conditions;
import dev.recon.model.image.PixelConversion;
import dev.recon.operators.parse.JsonFields;
import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RecordRejectedException;
import dev.recon.operators.types.ScaledImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes and validates one {@code images} payload and turns it into the model's input (no Flink;
 * {@link ImageParser} wraps it in an operator).
 *
 * <pre>{@code
 * {"sourceId": "camera-3", "ts": 1763877354123, "format": "png", "data": "<base64 PNG>"}
 * {"sourceId": "camera-3", "ts": 1763877354123, "format": "raw-u8", "width": 28, "height": 28,
 *  "channels": 1, "data": "<base64 pixels>"}
 * }</pre>
 *
 * <p>Rules: the payload is at most {@code maxPayloadBytes} bytes of UTF-8 holding one JSON object
 * with no duplicate keys; {@code sourceId} is a non-blank string of at most
 * {@value #MAX_SOURCE_ID_LENGTH} characters; {@code ts} is whole epoch milliseconds (>= 0) or an
 * ISO-8601 date-time with a zone offset (as for readings); {@code format} is {@code png} or
 * {@code raw-u8}; {@code data} is standard base64 (RFC 4648, padding optional). {@code raw-u8}
 * needs {@code width}, {@code height} and {@code channels} (1 gray, 2 gray and alpha, 3 RGB, 4
 * RGBA), with the pixels row-major and their samples interleaved, exactly
 * {@code width * height * channels} bytes. A PNG describes itself; where the message also gives
 * {@code width}, {@code height} or {@code channels} they must match the PNG. No image may have more
 * than {@code maxImagePixels} pixels: a PNG's size is read from its header before it is decoded, so
 * a small file declaring a huge image is rejected cheaply. Other fields are ignored, and so are
 * {@code condition} and {@code label} unless the model is conditional.
 *
 * <p>For a conditional model ({@code cvae}, built with its {@link Conditions}) every image needs a
 * condition, the label it claims: the {@code condition} field, or when absent the {@code label}
 * field (what {@code recon produce} writes), an integer or a string. It is mapped to a condition
 * index by {@link Conditions#indexOf}, as offline scoring maps labels; it is checked before the
 * image is decoded. Neither field: {@code MISSING_FIELD}; another JSON type: {@code INVALID_FIELD};
 * a value that is none of the model's conditions: {@code UNKNOWN_CONDITION}.
 *
 * <p>The decoded image becomes the model's input by {@link PixelConversion}: converted to the
 * model's channels, resized (bilinear) to its size, scaled to [0, 1].
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ImageDecoder {

    /** Default payload size limit: 1 MiB (Kafka's default largest record). */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1 << 20;
    /** Default largest image: 2048 x 2048 pixels (16 MiB decoded as ARGB). */
    public static final int DEFAULT_MAX_IMAGE_PIXELS = 2048 * 2048;
    /** Longest accepted source id; it is a Kafka key and a metric label, not a document. */
    public static final int MAX_SOURCE_ID_LENGTH = 256;

    /** Field name of the image source. */
    public static final String SOURCE_ID = "sourceId";
    /** Field name of the timestamp. */
    public static final String TS = "ts";
    /** Field name of the encoding. */
    public static final String FORMAT = "format";
    /** Field name of the base64 image data. */
    public static final String DATA = "data";
    /** Field name of the width in pixels. */
    public static final String WIDTH = "width";
    /** Field name of the height in pixels. */
    public static final String HEIGHT = "height";
    /** Field name of the samples per pixel. */
    public static final String CHANNELS = "channels";
    /** Field name of a conditional model's condition, the label the image claims (preferred over {@link #LABEL}). */
    public static final String CONDITION = "condition";
    /** Field name of the image's label; a conditional model's condition when there is no {@link #CONDITION}. */
    public static final String LABEL = "label";
    /** {@code format} of a PNG file. */
    public static final String PNG = "png";
    /** {@code format} of raw 8-bit pixels. */
    public static final String RAW_U8 = "raw-u8";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final ImageShape target;
    private final Conditions conditions;
    private final int maxPayloadBytes;
    private final int maxImagePixels;
    private final ObjectReader reader;

    /**
     * A decoder producing input for a model of shape {@code target}.
     *
     * @param maxPayloadBytes larger payloads are rejected unparsed ({@code OVERSIZED})
     * @param maxImagePixels images with more pixels ({@code width * height}) are rejected undecoded
     *     ({@code IMAGE_TOO_LARGE})
     */
    public ImageDecoder(ImageShape target, int maxPayloadBytes, int maxImagePixels) {
        this(target, null, maxPayloadBytes, maxImagePixels);
    }

    /**
     * A decoder producing input for a conditional model of shape {@code target}: each image's
     * condition is read from its message and mapped with {@code conditions}.
     *
     * @param conditions the model's conditions; {@code null} for an unconditional model
     * @param maxPayloadBytes larger payloads are rejected unparsed ({@code OVERSIZED})
     * @param maxImagePixels images with more pixels ({@code width * height}) are rejected undecoded
     *     ({@code IMAGE_TOO_LARGE})
     */
    public ImageDecoder(ImageShape target, Conditions conditions, int maxPayloadBytes, int maxImagePixels) {
        this.target = Objects.requireNonNull(target, "target");
        this.conditions = conditions;
        if (maxPayloadBytes < 1 || maxImagePixels < 1) {
            throw new IllegalArgumentException("maxPayloadBytes and maxImagePixels must be >= 1, got "
                    + maxPayloadBytes + " and " + maxImagePixels);
        }
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxImagePixels = maxImagePixels;
        this.reader = newReader(maxPayloadBytes);
    }

    private static ObjectReader newReader(int maxPayloadBytes) {
        JsonFactory factory = new JsonFactoryBuilder()
                // Two "data" fields: which one did the producer mean? Reject rather than guess.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // The base64 string is nearly the whole payload: allow as much as the payload limit does.
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Math.max(maxPayloadBytes, StreamReadConstraints.DEFAULT_MAX_STRING_LEN))
                        .build())
                .build();
        return new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .reader();
    }

    /** The model shape images are converted to. */
    public ImageShape target() {
        return target;
    }

    /** The conditions of a conditional model; {@code null} for an unconditional one. */
    public Conditions conditions() {
        return conditions;
    }

    /** The payload size limit in bytes. */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** The largest accepted image, in pixels. */
    public int maxImagePixels() {
        return maxImagePixels;
    }

    /**
     * Decodes one payload into the model's input.
     *
     * @param payload the record value; {@code null} for a record without one
     * @param origin where it came from, carried by the image
     * @throws RecordRejectedException with the reason and a message saying what was wrong
     */
    public ScaledImage decode(byte[] payload, String origin) throws RecordRejectedException {
        if (payload == null) {
            throw reject(DeadLetterReason.EMPTY_PAYLOAD, "record has no value (null, a tombstone); expected a JSON image");
        }
        if (payload.length == 0) {
            throw reject(DeadLetterReason.EMPTY_PAYLOAD, "payload is empty (0 bytes); expected a JSON image");
        }
        if (payload.length > maxPayloadBytes) {
            throw reject(DeadLetterReason.OVERSIZED, "payload is " + payload.length
                    + " bytes, over the limit of " + maxPayloadBytes + " bytes; it was not parsed");
        }
        JsonNode root = JsonFields.parse(reader, payload);
        if (!root.isObject()) {
            throw reject(DeadLetterReason.INVALID_JSON, "payload is " + JsonFields.describe(root)
                    + "; expected a JSON object such as {\"sourceId\": \"camera-3\", \"ts\": 1763877354123, "
                    + "\"format\": \"png\", \"data\": \"<base64>\"}");
        }
        String sourceId = JsonFields.id(root, SOURCE_ID, MAX_SOURCE_ID_LENGTH);
        long ts = JsonFields.timestamp(root.get(TS), TS);
        String format = format(root.get(FORMAT));
        byte[] data = data(root.get(DATA));
        Integer width = dimension(root, WIDTH);
        Integer height = dimension(root, HEIGHT);
        Integer channels = dimension(root, CHANNELS);
        int condition = conditions == null ? ScaledImage.NO_CONDITION : condition(root);
        float[] pixels = PNG.equals(format)
                ? fromPng(data, width, height, channels)
                : fromRaw(data, width, height, channels);
        return new ScaledImage(sourceId, ts, pixels, origin, condition);
    }

    /** The condition index of a conditional model's image: its {@code condition}, else its {@code label}. */
    private int condition(JsonNode root) throws RecordRejectedException {
        String field = root.has(CONDITION) ? CONDITION : LABEL;
        JsonNode node = root.get(field);
        String expected = "; the model is conditional (cvae): every image needs the label it claims, in '" + CONDITION
                + "' or '" + LABEL + "', one of " + conditions.describe();
        if (node == null) {
            throw reject(DeadLetterReason.MISSING_FIELD, "'" + CONDITION + "' and '" + LABEL + "' are missing" + expected);
        }
        String label;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            label = Long.toString(node.longValue());
        } else if (node.isNumber() && Double.isFinite(node.doubleValue())
                && node.doubleValue() == Math.rint(node.doubleValue()) && Math.abs(node.doubleValue()) < 1e15) {
            label = Long.toString((long) node.doubleValue()); // 3.0 from a serialiser that writes doubles
        } else if (node.isTextual() && !node.textValue().isBlank()) {
            label = node.textValue();
        } else {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + field + "' is " + JsonFields.describe(node)
                    + ", not an integer or a non-empty string" + expected);
        }
        int index = conditions.indexOf(label);
        if (index < 0) {
            throw reject(DeadLetterReason.UNKNOWN_CONDITION, "'" + field + "' is " + JsonFields.describe(node)
                    + ", which is not a condition of the model; expected one of " + conditions.describe());
        }
        return index;
    }

    private float[] fromPng(byte[] data, Integer width, Integer height, Integer channels)
            throws RecordRejectedException {
        if (!startsWithPngSignature(data)) {
            throw reject(DeadLetterReason.UNDECODABLE_IMAGE, "'" + DATA + "' (" + data.length
                    + " bytes) does not start with the PNG signature; expected a PNG file for format '" + PNG + "'");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(PNG);
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JVM has no PNG reader (javax.imageio)");
        }
        ImageReader png = readers.next();
        BufferedImage image;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            png.setInput(in, true, true);
            int w = png.getWidth(0);
            int h = png.getHeight(0);
            // Before decoding: a few bytes of PNG may declare an image that would not fit in memory.
            checkSize(w, h, "the PNG is");
            if ((width != null && width != w) || (height != null && height != h)) {
                String said = (width != null ? "'" + WIDTH + "' " + width : "")
                        + (width != null && height != null ? " and " : "")
                        + (height != null ? "'" + HEIGHT + "' " + height : "");
                throw reject(DeadLetterReason.INVALID_FIELD, "the message says " + said + " but the PNG is " + w
                        + " x " + h + " (width x height); omit them or send the PNG's");
            }
            image = png.read(0);
        } catch (IOException | RuntimeException e) {
            // javax.imageio reports corrupt data as IIOException, and some as runtime exceptions.
            throw reject(DeadLetterReason.UNDECODABLE_IMAGE, "'" + DATA + "' is not a readable PNG: " + e);
        } finally {
            png.dispose();
        }
        int components = image.getColorModel().getNumComponents();
        if (channels != null && channels != components) {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + CHANNELS + "' is " + channels + " but the PNG has "
                    + components + " (1 gray, 2 gray and alpha, 3 RGB, 4 RGBA); omit it or send the PNG's");
        }
        return PixelConversion.toModelInput(PixelConversion.planes(image, target.channels()), image.getWidth(),
                image.getHeight(), target.channels(), target.height(), target.width());
    }

    private float[] fromRaw(byte[] data, Integer width, Integer height, Integer channels)
            throws RecordRejectedException {
        for (String field : new String[] {WIDTH, HEIGHT, CHANNELS}) {
            Integer value = field.equals(WIDTH) ? width : field.equals(HEIGHT) ? height : channels;
            if (value == null) {
                throw reject(DeadLetterReason.MISSING_FIELD, "'" + field + "' is missing; format '" + RAW_U8
                        + "' needs '" + WIDTH + "', '" + HEIGHT + "' and '" + CHANNELS + "'");
            }
        }
        if (channels > 4) {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + CHANNELS + "' is " + channels
                    + "; expected 1 (gray), 2 (gray and alpha), 3 (RGB) or 4 (RGBA)");
        }
        checkSize(width, height, "the message says");
        long expected = (long) width * height * channels;
        if (data.length != expected) {
            throw reject(DeadLetterReason.UNDECODABLE_IMAGE, "'" + DATA + "' holds " + data.length + " bytes but "
                    + WIDTH + " " + width + " x " + HEIGHT + " " + height + " x " + CHANNELS + " " + channels
                    + " needs " + expected + " (one byte per sample, samples interleaved)");
        }
        return PixelConversion.toModelInput(PixelConversion.planes(data, width, height, channels, target.channels()),
                width, height, target.channels(), target.height(), target.width());
    }

    private void checkSize(int width, int height, String what) throws RecordRejectedException {
        if (width < 1 || height < 1) {
            throw reject(DeadLetterReason.UNDECODABLE_IMAGE, what + " " + width + " x " + height
                    + " pixels; expected at least 1 x 1");
        }
        if ((long) width * height > maxImagePixels) {
            throw reject(DeadLetterReason.IMAGE_TOO_LARGE, what + " " + width + " x " + height + " = "
                    + (long) width * height + " pixels, over the limit of " + maxImagePixels
                    + "; it was not decoded (resize it upstream, or raise the limit)");
        }
    }

    private static boolean startsWithPngSignature(byte[] data) {
        if (data.length < PNG_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (data[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static String format(JsonNode node) throws RecordRejectedException {
        String expected = "; expected \"" + PNG + "\" or \"" + RAW_U8 + "\"";
        if (node == null) {
            throw reject(DeadLetterReason.MISSING_FIELD, "'" + FORMAT + "' is missing" + expected);
        }
        if (!node.isTextual() || !(PNG.equals(node.textValue()) || RAW_U8.equals(node.textValue()))) {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + FORMAT + "' is " + JsonFields.describe(node) + expected);
        }
        return node.textValue();
    }

    private static byte[] data(JsonNode node) throws RecordRejectedException {
        if (node == null) {
            throw reject(DeadLetterReason.MISSING_FIELD, "'" + DATA + "' is missing; expected the image as a base64 string");
        }
        if (!node.isTextual()) {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + DATA + "' is " + JsonFields.describe(node)
                    + "; expected the image as a base64 string");
        }
        if (node.textValue().isEmpty()) {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + DATA + "' is an empty string; expected the image as "
                    + "a base64 string");
        }
        try {
            return Base64.getDecoder().decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + DATA + "' is not valid base64 (" + e.getMessage()
                    + "); expected standard base64 (RFC 4648: A-Z, a-z, 0-9, +, /, optional = padding, no line breaks)");
        }
    }

    /** A positive whole number, or null when the field is absent. */
    private static Integer dimension(JsonNode root, String field) throws RecordRejectedException {
        JsonNode node = root.get(field);
        if (node == null) {
            return null;
        }
        String expected = "; expected a whole number >= 1";
        if (!node.isNumber()) {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + field + "' is " + JsonFields.describe(node) + expected);
        }
        double value = node.doubleValue();
        if ((!node.isIntegralNumber() && value != Math.rint(value)) || value < 1) {
            throw reject(DeadLetterReason.INVALID_FIELD, "'" + field + "' is " + node.asText() + expected);
        }
        if (!node.canConvertToInt() || value > Integer.MAX_VALUE) {
            // Far beyond any pixel limit: say so as such.
            throw reject(DeadLetterReason.IMAGE_TOO_LARGE, "'" + field + "' is " + node.asText()
                    + ", beyond any image size; it was not decoded");
        }
        return (int) value;
    }

    private static RecordRejectedException reject(DeadLetterReason reason, String detail) {
        return new RecordRejectedException(reason, detail);
    }
}
