package dev.recon.operators.events;

import dev.recon.operators.types.ScoredImage;
import org.apache.flink.api.common.functions.FilterFunction;

/** Keeps the scored images whose score is above the model's threshold. */
public final class IsAnomalousImage implements FilterFunction<ScoredImage> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(ScoredImage image) {
        return image.anomalous();
    }
}
