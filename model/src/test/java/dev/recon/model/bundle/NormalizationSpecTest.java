package dev.recon.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recon.model.testing.TestBundles;
import dev.recon.model.window.ZScoreNormalizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link NormalizationSpec}: the manifest form before and with per-sensor statistics, and lookup. */
class NormalizationSpecTest {

    private static final ZScoreNormalizer POOLED = new ZScoreNormalizer(new double[] {50, 1}, new double[] {40, 2});
    private static final ZScoreNormalizer LOW = new ZScoreNormalizer(new double[] {10, 1}, new double[] {1, 2});
    private static final ZScoreNormalizer HIGH = new ZScoreNormalizer(new double[] {90, 1}, new double[] {3, 2});

    @TempDir
    Path tmp;

    @Test
    void theManifestFormWithoutSensorsStillReadsAsSharedStatistics() throws Exception {
        String old = "{\"method\": \"zscore\", \"mean\": [44.5], \"std\": [1.5]}";
        NormalizationSpec spec = ModelBundle.json().readValue(old, NormalizationSpec.class);
        assertThat(spec.isPerSensor()).isFalse();
        assertThat(spec.sensors()).isEmpty();
        assertThat(spec.mean()).containsExactly(44.5);
        assertThat(spec.toNormalizer("any-sensor").mean()).containsExactly(44.5);
    }

    @Test
    void sharedStatisticsAreWrittenExactlyAsBefore() throws Exception {
        JsonNode written = ModelBundle.json().valueToTree(NormalizationSpec.of(POOLED));
        assertThat(written.fieldNames()).toIterable().containsExactly("method", "mean", "std");
    }

    @Test
    void perSensorStatisticsRoundTripAndAreLookedUpBySensor() throws Exception {
        NormalizationSpec spec = NormalizationSpec.perSensor(POOLED, Map.of("pump-high", HIGH, "pump-low", LOW));
        String json = ModelBundle.json().writeValueAsString(spec);
        NormalizationSpec read = ModelBundle.json().readValue(json, NormalizationSpec.class);

        assertThat(read).isEqualTo(spec);
        assertThat(read.isPerSensor()).isTrue();
        assertThat(read.sensors().keySet()).containsExactly("pump-high", "pump-low"); // sorted
        assertThat(read.hasSensor("pump-low")).isTrue();
        assertThat(read.toNormalizer("pump-low").mean()).containsExactly(10, 1);
        assertThat(read.toNormalizer("pump-high").scale()).containsExactly(3, 2);
        // a sensor the model was not fitted on gets the pooled statistics, as does "no sensor"
        assertThat(read.hasSensor("pump-new")).isFalse();
        assertThat(read.toNormalizer("pump-new").mean()).containsExactly(50, 1);
        assertThat(read.toNormalizer(null).mean()).containsExactly(50, 1);
        assertThat(read.sensorNormalizers()).containsOnlyKeys("pump-high", "pump-low");
    }

    @Test
    void aBundleWithPerSensorStatisticsSavesAndLoadsThem() throws Exception {
        BundleManifest dense = TestBundles.denseManifest(List.of("a", "b"), 4, 1, 1.0);
        NormalizationSpec spec = NormalizationSpec.perSensor(POOLED, Map.of("s1", LOW));
        BundleManifest manifest = new BundleManifest(dense.formatVersion(), dense.name(), dense.version(),
                dense.createdAt(), dense.architecture(), dense.input(), spec, dense.score(), dense.threshold(),
                dense.training(), dense.provenance(), Map.of());
        Path bundle = TestBundles.write(tmp.resolve("per-sensor"), manifest);

        NormalizationSpec loaded = ModelBundle.load(bundle).manifest().normalization();
        assertThat(loaded).isEqualTo(spec);
        JsonNode tree = ModelBundle.json().readTree(bundle.resolve(ModelBundle.MANIFEST_FILE).toFile());
        assertThat(tree.at("/normalization/sensors/s1/mean/0").asDouble()).isEqualTo(10);
        // A version-1 reader would ignore the per-sensor statistics; version 2 makes it refuse the bundle.
        assertThat(tree.get("formatVersion").asInt()).isEqualTo(2);
        assertThat(ModelBundle.load(bundle).manifest().formatVersion()).isEqualTo(2);
    }

    @Test
    void rejectsStatisticsThatDoNotFit() {
        double[] one = {0};
        assertThatThrownBy(() -> new NormalizationSpec(NormalizationSpec.ZSCORE, new double[] {0, 0},
                new double[] {1, 1}, Map.of("s", new NormalizationSpec.SensorStatistics(one, one))))
                .hasMessageContaining("normalization.sensors.s has 1 means and 1 stds")
                .hasMessageContaining("2 channels");
        assertThatThrownBy(() -> new NormalizationSpec(NormalizationSpec.NONE, one, new double[] {1},
                Map.of("s", new NormalizationSpec.SensorStatistics(one, new double[] {1}))))
                .hasMessageContaining("need method 'zscore'");
        assertThatThrownBy(() -> new NormalizationSpec(NormalizationSpec.ZSCORE, one, new double[] {1},
                Map.of(" ", new NormalizationSpec.SensorStatistics(one, new double[] {1}))))
                .hasMessageContaining("blank sensor id");
        assertThatThrownBy(() -> NormalizationSpec.perSensor(POOLED, Map.of()))
                .hasMessageContaining("at least one sensor");
    }
}
