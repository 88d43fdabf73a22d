package dev.recon.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.jobs.config.ConfigException;
import dev.recon.model.testing.TestBundles;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ModelRoutes} and the {@code model.routes} / {@code model.bundle} settings together. */
class ModelRoutesTest {

    @TempDir
    static Path tmp;

    private static Path pump;
    private static Path fan;
    private static Path other;
    private static Path images;

    @BeforeAll
    static void bundles() throws Exception {
        pump = NamedBundles.write(tmp, "pump", List.of("v"), 8);
        fan = NamedBundles.write(tmp, "fan", List.of("rpm", "temp"), 4);
        other = NamedBundles.write(tmp, "other", List.of("v"), 8);
        images = TestBundles.writeConv(tmp.resolve("images"), 8, 8, "upsample", 1);
    }

    private static Map<String, String> settings(String... keyValues) {
        Map<String, String> raw = new HashMap<>(Map.of("kafka.bootstrap-servers", "127.0.0.1:9092"));
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        return raw;
    }

    @Test
    void parsesRoutesInOrderAndTheFirstMatchWins() {
        ModelRoutes routes = ModelRoutes.parse(" pump-*=" + pump + " ; fan-?-*=" + fan + ";");
        assertThat(routes.routes()).extracting(ModelRoute::modelName).containsExactly("pump", "fan");
        assertThat(routes.patterns()).extracting(p -> p.glob()).containsExactly("pump-*", "fan-?-*");
        assertThat(routes.routes().get(1).bundle().manifest().input().windowLength()).isEqualTo(4);
        assertThat(routes.hasCatchAll()).isFalse();
        assertThat(routes.toString()).isEqualTo("pump-*=" + pump + ";fan-?-*=" + fan);
    }

    @Test
    void namesTheRouteAndWhatIsWrongWithIt() {
        assertThatThrownBy(() -> ModelRoutes.parse("pump-*=" + pump + ";fan-*"))
                .hasMessage("route 2 'fan-*' has no '='; expected PATTERN=BUNDLE, e.g. pump-*=/models/pump.zip");
        assertThatThrownBy(() -> ModelRoutes.parse("pump-[0-9]=" + pump))
                .hasMessageStartingWith("route 1 'pump-[0-9]=" + pump + "': sensor pattern 'pump-[0-9]' has '['");
        assertThatThrownBy(() -> ModelRoutes.parse("=" + pump)).hasMessageContaining("empty sensor pattern");
        assertThatThrownBy(() -> ModelRoutes.parse("pump-*=" + tmp.resolve("nowhere")))
                .hasMessageContaining("route 1 'pump-*=" + tmp.resolve("nowhere") + "': no such file or directory");
        assertThatThrownBy(() -> ModelRoutes.parse("pump-*=" + pump + ";pump-*=" + other))
                .hasMessageContaining("route 2 'pump-*=" + other + "' repeats the pattern of route 1");
        assertThatThrownBy(() -> ModelRoutes.parse("*=" + pump + ";fan-*=" + fan))
                .hasMessageContaining("route 2 'fan-*=" + fan + "' can never match: route 1's pattern '*' matches"
                        + " every sensor");
        assertThatThrownBy(() -> ModelRoutes.parse("pump-*=" + pump + ";old-pump-*=" + pump))
                .hasMessageContaining("serves model 'pump' as route 1 does; model names must be unique");
        assertThatThrownBy(() -> ModelRoutes.parse("cam-*=" + images))
                .hasMessageContaining("model 'test-images' takes images");
        assertThatThrownBy(() -> ModelRoutes.parse(" ; ")).hasMessageStartingWith("no routes;");
    }

    @Test
    void theConfigNamesTheKeyAndTheValueOfABadRoute() {
        String value = "pump-*=" + pump + ";fan {1}=" + fan;
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(settings("model.routes", value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("model.routes = '" + value + "': route 2 'fan {1}=" + fan + "'");
    }

    @Test
    void routesAloneOrWithADefaultServe() {
        TimeSeriesJobConfig routed = TimeSeriesJobConfig.of(settings("model.routes", "pump-*=" + pump));
        assertThat(routed.bundle()).isNull();
        assertThat(routed.modelBundle()).isNull();
        assertThat(routed.servedBundles()).extracting(b -> b.manifest().name()).containsExactly("pump");

        TimeSeriesJobConfig withDefault = TimeSeriesJobConfig.of(settings("model.bundle", other.toString(),
                "model.routes", "pump-*=" + pump + ";fan-*=" + fan));
        assertThat(withDefault.servedBundles()).extracting(b -> b.manifest().name())
                .containsExactly("other", "pump", "fan");
        assertThat(withDefault.toString()).contains("routes=pump-*=" + pump + ";fan-*=" + fan);

        TimeSeriesJobConfig single = TimeSeriesJobConfig.of(settings("model.bundle", pump.toString()));
        assertThat(single.routes().isEmpty()).isTrue();
    }

    @Test
    void someModelMustServeAndEveryModelNameIsUnique() {
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(settings()))
                .hasMessageContaining("model.bundle: required but not set, unless model.routes is set");
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(Map.of()))
                .hasMessageContaining("kafka.bootstrap-servers: required but not set")
                .hasMessageContaining("model.bundle: required but not set");
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(settings("model.bundle", pump.toString(),
                "model.routes", "fan-*=" + fan + ";pump-*=" + pump)))
                .hasMessageContaining("model.routes = 'fan-*=" + fan + ";pump-*=" + pump + "': route 'pump-*=" + pump
                        + "' serves model 'pump', the model of model.bundle");
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(settings("model.bundle", pump.toString(),
                "model.routes", "fan-*=" + fan + ";*=" + other)))
                .hasMessageContaining("model.bundle = '" + pump + "': would never score a sensor");
    }
}
