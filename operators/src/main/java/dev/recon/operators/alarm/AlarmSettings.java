package dev.recon.operators.alarm;

import dev.recon.model.scoring.AnomalyLikelihood;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of {@link OnsetLikelihoodAlarm}.
 *
 * @param level alarm when onset x likelihood reaches this; above 1, since a level that lasts scores at most 1
 * @param lookBackByModel severities (windows) a new one must exceed, by model name: the windows one
 *     reading stays in ({@code window length / stride}) unless configured
 * @param likelihood the long-term distribution of each sensor's severities
 */
public record AlarmSettings(double level, Map<String, Integer> lookBackByModel, AnomalyLikelihood.Settings likelihood)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Default level: where one level swept over the NAB subset scored best (docs/BENCHMARKS.md). */
    public static final double DEFAULT_LEVEL = 1.2;

    /** Checks the level and look-backs, naming the bad value. */
    public AlarmSettings {
        if (!(level > 0) || !Double.isFinite(level)) {
            throw new IllegalArgumentException("alarm level must be a finite number > 0, got " + level);
        }
        Objects.requireNonNull(likelihood, "likelihood");
        lookBackByModel = Map.copyOf(lookBackByModel);
        lookBackByModel.forEach((model, lookBack) -> {
            if (lookBack < 1) {
                throw new IllegalArgumentException("look-back of model " + model + " must be >= 1, got " + lookBack);
            }
        });
    }

    /** The look-back of {@code model}'s windows. */
    public int lookBack(String model) {
        Integer lookBack = lookBackByModel.get(model);
        if (lookBack == null) {
            // the job lists every model it serves; a window of another model is a wiring bug
            throw new IllegalStateException("no alarm look-back for model '" + model + "' (known: "
                    + lookBackByModel.keySet() + ")");
        }
        return lookBack;
    }
}
