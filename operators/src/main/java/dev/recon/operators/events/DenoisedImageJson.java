package dev.recon.operators.events;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.recon.operators.image.ImagePng;
import dev.recon.operators.types.DenoisedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * The {@code denoised} wire format of an image: the reconstruction as a PNG, in the {@code images}
 * message format (so it can be viewed, or fed back, like any image), plus the model that made it.
 *
 * <pre>{@code
 * {"sourceId": "camera-3", "ts": 1763877354123, "model": "fashion", "modelVersion": "1",
 *  "format": "png", "width": 28, "height": 28, "channels": 1, "data": "<base64 PNG>"}
 * }</pre>
 *
 * <p>The PNG has the model's size and channels (8-bit gray or RGB): each reconstructed value in
 * [0, 1] times 255, rounded ({@link ImagePng}). Thread-safe.
 */
public final class DenoisedImageJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private DenoisedImageJson() {}

    /** Encodes a reconstruction as UTF-8 JSON with a base64 PNG. */
    public static byte[] encode(DenoisedImage image) {
        byte[] png = ImagePng.encode(image.pixels(), image.channels(), image.height(), image.width());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(192 + png.length * 4 / 3);
        try (JsonGenerator json = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("sourceId", image.sourceId());
            json.writeNumberField("ts", image.ts());
            json.writeStringField("model", image.model());
            json.writeStringField("modelVersion", image.modelVersion());
            json.writeStringField("format", "png");
            json.writeNumberField("width", image.width());
            json.writeNumberField("height", image.height());
            json.writeNumberField("channels", image.channels());
            json.writeStringField("data", Base64.getEncoder().encodeToString(png));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode denoised image of " + image.sourceId(), e);
        }
        return bytes.toByteArray();
    }
}
