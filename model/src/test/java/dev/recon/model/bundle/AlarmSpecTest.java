package dev.recon.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.model.testing.TestBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link AlarmSpec} and the manifest's {@code alarm} section. */
class AlarmSpecTest {

    @TempDir
    Path tmp;

    @Test
    void defaultsFollowTheWindowsAReadingStaysIn() {
        AlarmSpec spec = AlarmSpec.defaults(128, 1);
        assertThat(spec.rule()).isEqualTo(AlarmSpec.ONSET_LIKELIHOOD);
        assertThat(spec.level()).isEqualTo(0.7);
        assertThat(spec.lookBack()).isEqualTo(128);
        assertThat(AlarmSpec.defaults(8, 3).lookBack()).isEqualTo(3);
        // one incident pages once: re-armed after the windows one reading stays in
        assertThat(spec.rearmAfter()).isEqualTo(128);
        assertThat(AlarmSpec.defaults(8, 3).rearmAfter()).isEqualTo(3);
        assertThat(spec.chosenOn()).contains("data/nab");
    }

    @Test
    void refusesBadFieldsNamingThem() {
        assertThatThrownBy(() -> new AlarmSpec("threshold", 0.7, 4, 100, 10, 4, List.of(), null, ""))
                .hasMessageContaining("alarm.rule must be 'onset-likelihood', got 'threshold'");
        assertThatThrownBy(() -> new AlarmSpec(AlarmSpec.ONSET_LIKELIHOOD, 1.2, 4, 100, 10, 4, List.of(), null, ""))
                .hasMessageContaining("alarm.level must be an anomaly score in (0, 1), got 1.2")
                .hasMessageContaining("1 - exp(-1.2) = 0.699");
        assertThatThrownBy(() -> new AlarmSpec(AlarmSpec.ONSET_LIKELIHOOD, 0.7, 0, 100, 10, 4, List.of(), null, ""))
                .hasMessageContaining("alarm.lookBack must be >= 1");
        assertThatThrownBy(() -> new AlarmSpec(AlarmSpec.ONSET_LIKELIHOOD, 0.7, 4, 1, 10, 4, List.of(), null, ""))
                .hasMessageContaining("alarm.likelihoodHorizon must be >= 2");
        assertThatThrownBy(() -> new AlarmSpec(AlarmSpec.ONSET_LIKELIHOOD, 0.7, 4, 100, 10, -1, List.of(), null, ""))
                .hasMessageContaining("alarm.rearmAfter must be >= 0 windows, got -1");
    }

    @Test
    void aBundleKeepsItsAlarmAndOneWithoutGetsTheDefaults() throws Exception {
        Path plain = TestBundles.writeDense(tmp.resolve("plain"), List.of("v"), 8, 2, 0.5);
        BundleManifest old = ModelBundle.load(plain).manifest();
        assertThat(old.alarm()).isNull();
        assertThat(old.alarmOrDefault()).isEqualTo(AlarmSpec.defaults(8, 2));

        ModelBundle loaded = ModelBundle.load(plain);
        AlarmSpec own = new AlarmSpec(AlarmSpec.ONSET_LIKELIHOOD, 0.8, 6, 500, 20, 3, List.of("P1D", "PT12H"),
                NoveltySpec.fit(new double[][] {{1}, {4}, {2.5}}, 5), "a test");
        Path withAlarm = tmp.resolve("with-alarm");
        try (LoadedModel model = loaded.open()) {
            ModelBundle.save(withAlarm, old.withAlarm(own), model.djlModel().getBlock(), null);
        }
        assertThat(ModelBundle.load(withAlarm).manifest().alarm()).isEqualTo(own);
        assertThat(ModelBundle.load(withAlarm).manifest().alarmOrDefault()).isEqualTo(own);

        // an alarm section written before rearmAfter existed re-arms at once, as it did then
        Path manifest = withAlarm.resolve(ModelBundle.MANIFEST_FILE);
        String json = Files.readString(manifest);
        String withoutRearm = json.replaceAll("\\s*\"rearmAfter\"\\s*:\\s*3\\s*,", "");
        assertThat(withoutRearm).isNotEqualTo(json).doesNotContain("rearmAfter");
        Files.writeString(manifest, withoutRearm);
        AlarmSpec written = ModelBundle.load(withAlarm).manifest().alarm();
        assertThat(written.rearmAfter()).isZero();
        assertThat(written.lookBack()).isEqualTo(6);
        assertThat(written.seasonalPeriods()).containsExactly("P1D", "PT12H");

        // and one written before seasonal periods existed has none
        String withoutPeriods = withoutRearm.replaceAll("\\s*\"seasonalPeriods\"\\s*:\\s*\\[[^]]*],", "");
        assertThat(withoutPeriods).isNotEqualTo(withoutRearm).doesNotContain("seasonalPeriods");
        Files.writeString(manifest, withoutPeriods);
        assertThat(ModelBundle.load(withAlarm).manifest().alarm().seasonalPeriods()).isEmpty();
        assertThat(ModelBundle.load(withAlarm).manifest().alarm().novelty()).isEqualTo(own.novelty());

        // and one written before novelty existed has none
        String withoutNovelty = withoutPeriods.replaceAll("\\s*\"novelty\"\\s*:\\s*\\{[^}]*},", "");
        assertThat(withoutNovelty).isNotEqualTo(withoutPeriods).doesNotContain("novelty");
        Files.writeString(manifest, withoutNovelty);
        assertThat(ModelBundle.load(withAlarm).manifest().alarm().novelty()).isNull();
    }

    @Test
    void seasonalPeriodsAreIsoDurationsOfASecondOrMoreAndNoneByDefault() {
        AlarmSpec defaults = AlarmSpec.defaults(128, 1);
        assertThat(defaults.seasonalPeriods()).isEmpty();
        assertThat(defaults.seasonalPeriodsMs()).isEmpty();
        assertThat(defaults.withSeasonalPeriods(List.of("P1D", "P7D")).seasonalPeriodsMs())
                .containsExactly(86_400_000L, 7 * 86_400_000L);
        assertThat(defaults.withSeasonalPeriods(List.of("pt30m")).seasonalPeriodsMs()).containsExactly(1_800_000L);
        assertThat(defaults.withSeasonalPeriods(null).seasonalPeriods()).isEmpty();
        assertThatThrownBy(() -> defaults.withSeasonalPeriods(List.of("1 day")))
                .hasMessageContaining(
                        "alarm.seasonalPeriods must hold ISO-8601 durations such as P1D or PT12H, got '1 day'");
        assertThatThrownBy(() -> defaults.withSeasonalPeriods(List.of("PT0.5S")))
                .hasMessageContaining("at least 1 second, got 'PT0.5S'");
    }

    @Test
    void goldenBundlesOfEarlierVersionsGetTheDefaultAlarmAndImagesNone() throws Exception {
        BundleManifest dense = ModelBundle.load(GoldenBundleTest.golden("dense-v1")).manifest();
        assertThat(dense.alarmOrDefault()).isEqualTo(AlarmSpec.defaults(dense.input().windowLength(),
                dense.input().stride()));
        assertThat(ModelBundle.load(GoldenBundleTest.golden("conv2d-v1")).manifest().alarmOrDefault()).isNull();
    }
}
