package dev.recon.jobs;

import dev.recon.model.bundle.ModelBundle;
import dev.recon.operators.routing.SensorPattern;
import java.util.Objects;

/**
 * One route of {@code model.routes}: the sensors whose ids match {@code sensors} are scored by
 * {@code bundle}'s model.
 *
 * @param sensors which sensor ids the route takes
 * @param bundle the verified bundle serving them (its manifest; the model itself is loaded by the scorer)
 */
public record ModelRoute(SensorPattern sensors, ModelBundle bundle) {

    /** Checks that both are present. */
    public ModelRoute {
        Objects.requireNonNull(sensors, "sensors");
        Objects.requireNonNull(bundle, "bundle");
    }

    /** The name of the serving model (what hot-swap announcements address). */
    public String modelName() {
        return bundle.manifest().name();
    }

    @Override
    public String toString() {
        return sensors.glob() + "=" + bundle.source();
    }
}
