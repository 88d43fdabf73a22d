package dev.recon.operators.events;

import dev.recon.operators.types.ImageAnomalyEvent;
import dev.recon.operators.types.ScoredImage;
import org.apache.flink.api.common.functions.MapFunction;

/** Turns a scored image into the anomaly event published for it (see {@link ImageAnomalyEvent#of}). */
public final class ToImageAnomalyEvent implements MapFunction<ScoredImage, ImageAnomalyEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public ImageAnomalyEvent map(ScoredImage image) {
        return ImageAnomalyEvent.of(image);
    }
}
