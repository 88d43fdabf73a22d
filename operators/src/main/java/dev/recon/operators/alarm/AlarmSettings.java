package dev.recon.operators.alarm;

import dev.recon.model.bundle.AlarmSpec;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * The settings of {@link OnsetLikelihoodAlarm}: the alarm of every served model, by model name (each
 * bundle's own {@link AlarmSpec}, with the job's {@code alarm.*} overrides applied).
 *
 * @param byModel the alarm of each model's windows
 */
public record AlarmSettings(Map<String, AlarmSpec> byModel) implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    /** Copies the map. */
    public AlarmSettings {
        byModel = Map.copyOf(byModel);
    }

    /** The alarm of {@code model}'s windows. */
    public AlarmSpec of(String model) {
        AlarmSpec alarm = byModel.get(model);
        if (alarm == null) {
            // the job lists every model it serves; a window of another model is a wiring bug
            throw new IllegalStateException("no alarm settings for model '" + model + "' (known: "
                    + byModel.keySet() + ")");
        }
        return alarm;
    }
}
