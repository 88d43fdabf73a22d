package dev.recon.jobs;

import dev.recon.jobs.config.Setting;
import dev.recon.model.bundle.BundleFormatException;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.operators.routing.SensorPattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The routing table of {@code model.routes}: which model serves which sensors, when one job serves
 * several models.
 *
 * <p>Written {@code PATTERN=BUNDLE[;PATTERN=BUNDLE...]}, e.g.
 * {@code pump-*=/models/pump.zip;fan-?-*=/models/fan.zip}. A pattern is a glob over the whole
 * sensor id ({@link SensorPattern}: {@code *} any run of characters, {@code ?} one character);
 * routes are tried in the order written and the first match wins. Sensors no route matches go to
 * {@code model.bundle}, or to the dead letters ({@code NO_MODEL}) when it is not set.
 *
 * <p>Parsing verifies every bundle (format, checksums), and that each route's pattern is usable:
 * no pattern twice, nothing after a catch-all {@code *}, one route per model name (hot-swap
 * announcements address a model by its name), and no image models.
 */
public final class ModelRoutes {

    /** No routes: every sensor goes to {@code model.bundle}. */
    public static final ModelRoutes NONE = new ModelRoutes(List.of());

    private final List<ModelRoute> routes;

    private ModelRoutes(List<ModelRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * Parses and verifies {@code PATTERN=BUNDLE[;PATTERN=BUNDLE...]} (blank entries, such as after a
     * trailing {@code ;}, are skipped).
     *
     * @throws IllegalArgumentException naming the route (its position and text) and what is wrong
     */
    public static ModelRoutes parse(String text) {
        List<ModelRoute> routes = new ArrayList<>();
        Map<String, Integer> routeOfPattern = new HashMap<>();
        Map<String, Integer> routeOfModel = new HashMap<>();
        int position = 0;
        for (String entry : text.split(";")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            position++;
            String where = "route " + position + " '" + trimmed + "'";
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException(where + " has no '='; expected PATTERN=BUNDLE, e.g. pump-*=/models/pump.zip");
            }
            ModelRoute route = new ModelRoute(pattern(where, trimmed.substring(0, equals).trim()),
                    bundle(where, trimmed.substring(equals + 1).trim()));
            if (!routes.isEmpty() && routes.get(routes.size() - 1).sensors().matchesEverything()) {
                throw new IllegalArgumentException(where + " can never match: route " + (position - 1) + "'s pattern '"
                        + routes.get(routes.size() - 1).sensors() + "' matches every sensor; put the catch-all last,"
                        + " or serve the remaining sensors with model.bundle");
            }
            Integer samePattern = routeOfPattern.putIfAbsent(route.sensors().glob(), position);
            if (samePattern != null) {
                throw new IllegalArgumentException(where + " repeats the pattern of route " + samePattern
                        + ", so it can never match");
            }
            Integer sameModel = routeOfModel.putIfAbsent(route.modelName(), position);
            if (sameModel != null) {
                throw new IllegalArgumentException(where + " serves model '" + route.modelName() + "' as route "
                        + sameModel + " does; model names must be unique (hot-swap updates address a model by"
                        + " name): give both patterns one route, e.g. a pattern that matches both, or train the"
                        + " bundles under different --name");
            }
            if (route.bundle().manifest().input().imageInput()) {
                throw new IllegalArgumentException(where + ": model '" + route.modelName() + "' takes images, not"
                        + " windows of readings; run it in the image job");
            }
            routes.add(route);
        }
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("no routes; expected PATTERN=BUNDLE[;PATTERN=BUNDLE...],"
                    + " e.g. pump-*=/models/pump.zip;fan-?-*=/models/fan.zip");
        }
        return new ModelRoutes(routes);
    }

    private static SensorPattern pattern(String where, String text) {
        try {
            return SensorPattern.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static ModelBundle bundle(String where, String text) {
        try {
            return ModelBundle.load(Setting.existingPath(text));
        } catch (BundleFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** The routes, in the order they are tried. */
    public List<ModelRoute> routes() {
        return routes;
    }

    /** The routes' patterns, in the order they are tried. */
    public List<SensorPattern> patterns() {
        return routes.stream().map(ModelRoute::sensors).toList();
    }

    /** Whether there are no routes (one model serves every sensor). */
    public boolean isEmpty() {
        return routes.isEmpty();
    }

    /** Whether some route matches every sensor, so that no sensor is left for a default model. */
    public boolean hasCatchAll() {
        return routes.stream().anyMatch(r -> r.sensors().matchesEverything());
    }

    @Override
    public String toString() {
        return routes.stream().map(ModelRoute::toString).collect(Collectors.joining(";"));
    }
}
