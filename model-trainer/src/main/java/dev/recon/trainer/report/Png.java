package dev.recon.trainer.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** PNG encoding of charts, for embedding in the report as data URIs. */
final class Png {

    private Png() {}

    static byte[] bytes(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String dataUri(BufferedImage image) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes(image));
    }
}
