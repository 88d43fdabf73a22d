package dev.recon.operators.image;

import dev.recon.model.arch.Conditions;
import dev.recon.operators.metrics.ReconMetrics;
import dev.recon.operators.parse.RawInputParser;
import dev.recon.operators.types.RecordRejectedException;
import dev.recon.operators.types.ScaledImage;
import java.util.Objects;

/**
 * Decodes raw {@code images} records into {@link ScaledImage}s, the model's input; every record it
 * cannot use goes to the {@link #DEAD_LETTERS} side output, unchanged, with a reason and a detail
 * message. For a conditional model ({@code cvae}) each image also carries its condition, from the
 * message's {@code condition} or {@code label} field; an image without a usable one is dead-lettered.
 *
 * <p>It emits zero or one image per record and never throws on bad input, so one bad producer
 * cannot fail the job. The rules are {@link ImageDecoder}'s, the conversion
 * {@link dev.recon.model.image.PixelConversion}'s.
 *
 * <pre>{@code
 * ImageShape shape = ImageShape.of(bundle.manifest().input());
 * SingleOutputStreamOperator<ScaledImage> images = raw.process(new ImageParser(shape, 1 << 20, 2048 * 2048),
 *         ScaledImage.TYPE_INFO);
 * DataStream<DeadLetter> rejected = images.getSideOutput(ImageParser.DEAD_LETTERS);
 * }</pre>
 */
public class ImageParser extends RawInputParser<ScaledImage> {

    private static final long serialVersionUID = 1L;

    private final ImageShape target;
    private final Conditions conditions;
    private final int maxPayloadBytes;
    private final int maxImagePixels;

    private transient ImageDecoder decoder;

    /**
     * A parser producing input for a model of shape {@code target}.
     *
     * @param maxPayloadBytes larger payloads are dead-lettered unparsed ({@code OVERSIZED})
     * @param maxImagePixels larger images are dead-lettered undecoded ({@code IMAGE_TOO_LARGE})
     */
    public ImageParser(ImageShape target, int maxPayloadBytes, int maxImagePixels) {
        this(target, null, maxPayloadBytes, maxImagePixels);
    }

    /**
     * A parser producing input for a model of shape {@code target} that is conditional when
     * {@code conditions} is given.
     *
     * @param conditions the model's conditions ({@code LoadedModel.conditions()}); {@code null} for
     *     an unconditional model
     * @param maxPayloadBytes larger payloads are dead-lettered unparsed ({@code OVERSIZED})
     * @param maxImagePixels larger images are dead-lettered undecoded ({@code IMAGE_TOO_LARGE})
     */
    public ImageParser(ImageShape target, Conditions conditions, int maxPayloadBytes, int maxImagePixels) {
        super(ReconMetrics.IMAGES_DECODED, ReconMetrics.IMAGES_DECODED_ACCUMULATOR, "decoding an image");
        // Validate on the client, at graph-building time, not in a task.
        ImageDecoder checked = new ImageDecoder(Objects.requireNonNull(target, "target"), conditions,
                maxPayloadBytes, maxImagePixels);
        this.target = checked.target();
        this.conditions = conditions;
        this.maxPayloadBytes = checked.maxPayloadBytes();
        this.maxImagePixels = checked.maxImagePixels();
    }

    @Override
    protected void openDecoder() {
        decoder = new ImageDecoder(target, conditions, maxPayloadBytes, maxImagePixels);
    }

    @Override
    protected ScaledImage decode(byte[] payload, String origin) throws RecordRejectedException {
        return decoder.decode(payload, origin);
    }
}
