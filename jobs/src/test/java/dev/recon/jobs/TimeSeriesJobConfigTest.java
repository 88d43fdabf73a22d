package dev.recon.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.jobs.config.ConfigException;
import dev.recon.model.testing.TestBundles;
import dev.recon.operators.alarm.AlarmMode;
import dev.recon.model.bundle.AlarmSpec;
import dev.recon.model.bundle.LoadedModel;
import dev.recon.model.bundle.ModelBundle;
import dev.recon.model.bundle.NoveltySpec;
import dev.recon.model.window.GapPolicy;
import dev.recon.model.window.ResampleSpec;
import dev.recon.operators.window.WindowMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link TimeSeriesJobConfig}: defaults, overrides and validation messages. */
class TimeSeriesJobConfigTest {

    @TempDir
    static Path tmp;

    private static Path bundle;

    @BeforeAll
    static void writeBundle() throws Exception {
        bundle = TestBundles.writeDense(tmp.resolve("bundle"), List.of("v"), 8, 2, 1.0);
    }

    private static Map<String, String> minimal() {
        Map<String, String> raw = new HashMap<>();
        raw.put("kafka.bootstrap-servers", "127.0.0.1:9092");
        raw.put("model.bundle", bundle.toString());
        return raw;
    }

    @Test
    void hasTheDocumentedDefaults() {
        TimeSeriesJobConfig config = TimeSeriesJobConfig.of(minimal());
        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.readingsTopic()).isEqualTo("sensor-readings");
        assertThat(config.anomaliesTopic()).isEqualTo("anomalies");
        assertThat(config.deadLetterTopic()).isEqualTo("sensor-readings.dlq");
        assertThat(config.groupId()).isEqualTo("recon-timeseries");
        assertThat(config.startingOffsets()).isEqualTo(StartingOffsets.COMMITTED);
        assertThat(config.parallelism()).isEqualTo(1);
        assertThat(config.checkpointIntervalMs()).isEqualTo(5000L);
        assertThat(config.maxRecordBytes()).isEqualTo(1 << 20);
        assertThat(config.jobName()).isEqualTo("recon-timeseries");
        assertThat(config.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(config.transactionalIdPrefix()).isEqualTo("recon-timeseries");
        assertThat(config.bundle().manifest().input().channels()).containsExactly("v");
        assertThat(config.modelBundle()).isEqualTo(bundle);
        assertThat(config.kafkaClientProperties()).isEmpty();
    }

    @Test
    void derivesTheDeadLetterTopicFromTheInputTopicUnlessSet() {
        Map<String, String> raw = minimal();
        raw.put("topic.readings", "plant-1");
        assertThat(TimeSeriesJobConfig.of(raw).deadLetterTopic()).isEqualTo("plant-1.dlq");
        raw.put("topic.dlq", "rejects");
        assertThat(TimeSeriesJobConfig.of(raw).deadLetterTopic()).isEqualTo("rejects");
    }

    @Test
    void readsAPropertiesFileWithArgumentOverrides() throws Exception {
        Path file = tmp.resolve("job.properties");
        Files.writeString(file, "kafka.bootstrap-servers=10.0.0.1:9092\nmodel.bundle=" + bundle.toString()
                .replace("\\", "\\\\") + "\nparallelism=4\nkafka.starting-offsets=latest\n"
                + "kafka.client.security.protocol=SSL\n");
        TimeSeriesJobConfig config = TimeSeriesJobConfig.fromArgs("--config", file.toString(), "--parallelism", "2",
                "--delivery.guarantee=exactly-once");
        assertThat(config.bootstrapServers()).isEqualTo("10.0.0.1:9092");
        assertThat(config.parallelism()).isEqualTo(2);
        assertThat(config.startingOffsets()).isEqualTo(StartingOffsets.LATEST);
        assertThat(config.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(config.kafkaClientProperties()).containsEntry("security.protocol", "SSL");
        assertThat(TimeSeriesJobConfig.load(file, Map.of("job.name", "j")).jobName()).isEqualTo("j");
    }

    @Test
    void namesEachBadKeyAndValue() {
        Map<String, String> raw = minimal();
        raw.put("parallelism", "two");
        raw.put("checkpoint.interval-ms", "5");
        raw.put("kafka.starting-offsets", "beginning");
        raw.put("delivery.guarantee", "maybe");
        raw.put("input.max-record-bytes", "-1");
        raw.put("topic.anomalies", " ");
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(raw))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("6 problems")
                .hasMessageContaining("parallelism = 'two': expected an integer >= 1")
                .hasMessageContaining("checkpoint.interval-ms = '5': expected an integer >= 10")
                .hasMessageContaining("kafka.starting-offsets = 'beginning': expected one of earliest, latest, committed")
                .hasMessageContaining("delivery.guarantee = 'maybe': expected one of exactly-once, at-least-once, none")
                .hasMessageContaining("input.max-record-bytes = '-1': expected an integer >= 1")
                .hasMessageContaining("topic.anomalies = ' ': expected a non-empty value");
    }

    @Test
    void requiresBootstrapServersAndABundle() {
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.bootstrap-servers: required but not set")
                .hasMessageContaining("model.bundle: required but not set");
    }

    @Test
    void rejectsAnUnknownKey() {
        Map<String, String> raw = minimal();
        raw.put("kafka.groupid", "g");
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(raw))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.groupid = 'g': unknown setting; did you mean 'kafka.group-id'?");
    }

    @Test
    void rejectsAMissingBundle() {
        Map<String, String> raw = minimal();
        Path missing = tmp.resolve("nope");
        raw.put("model.bundle", missing.toString());
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(raw))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("model.bundle = '" + missing + "': no such file or directory");
    }

    @Test
    void rejectsACorruptedBundleBeforeAnythingRuns() throws Exception {
        Path corrupted = TestBundles.writeDense(tmp.resolve("corrupted"), List.of("v"), 8, 2, 1.0);
        Path parameters = corrupted.resolve("parameters.djl");
        byte[] bytes = Files.readAllBytes(parameters);
        bytes[bytes.length - 1] ^= 1;
        Files.write(parameters, bytes);
        Map<String, String> raw = minimal();
        raw.put("model.bundle", corrupted.toString());
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(raw))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("model.bundle = '" + corrupted + "'")
                .hasMessageContaining("checksum mismatch for parameters.djl");
    }

    @Test
    void documentsEverySetting() {
        String help = TimeSeriesJobConfig.helpText();
        String markdown = TimeSeriesJobConfig.markdown();
        for (var setting : TimeSeriesJobConfig.SETTINGS.settings()) {
            assertThat(help).contains("--" + setting.key() + " ");
            assertThat(markdown).contains("| `" + setting.key() + "` |");
        }
        assertThat(help).contains("--kafka.client.<name>");
    }

    @Test
    void windowsAreCountWindowsUnlessTimeModeIsChosenWithAStep() {
        TimeSeriesJobConfig count = TimeSeriesJobConfig.of(minimal());
        assertThat(count.windowMode()).isEqualTo(WindowMode.COUNT);
        assertThat(count.resampling()).isNull();
        for (String step : List.of("1s", "1000ms", "PT1S")) {
            Map<String, String> raw = minimal();
            raw.put("window.mode", "time");
            raw.put("window.step", step);
            TimeSeriesJobConfig time = TimeSeriesJobConfig.of(raw);
            assertThat(time.windowMode()).isEqualTo(WindowMode.TIME);
            assertThat(time.resampling()).isEqualTo(new ResampleSpec(1000, GapPolicy.FILL_FORWARD, 5));
        }
        Map<String, String> raw = minimal();
        raw.putAll(Map.of("window.mode", "time", "window.step", "PT1M", "window.gap-policy", "interpolate",
                "window.max-gap-steps", "0"));
        assertThat(TimeSeriesJobConfig.of(raw).resampling()).isEqualTo(new ResampleSpec(60_000, GapPolicy.INTERPOLATE, 0));
        assertThat(TimeSeriesJobConfig.of(raw).toString()).contains("window=time (step 60000 ms, interpolate");
    }

    @Test
    void namesBadWindowSettingsAndTheirValues() {
        Map<String, String> raw = minimal();
        raw.putAll(Map.of("window.mode", "sliding", "window.step", "60", "window.gap-policy", "zero",
                "window.max-gap-steps", "-1"));
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(raw))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("4 problems")
                .hasMessageContaining("window.mode = 'sliding': expected one of count, time")
                .hasMessageContaining("window.step = '60': cannot read '60' as a duration")
                .hasMessageContaining("window.gap-policy = 'zero': expected one of fill-forward, interpolate, break")
                .hasMessageContaining("window.max-gap-steps = '-1': expected an integer >= 0");

        Map<String, String> noStep = minimal();
        noStep.put("window.mode", "time");
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(noStep))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("window.step: required when window.mode is time");

        Map<String, String> stepInCountMode = minimal();
        stepInCountMode.put("window.step", "5s");
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(stepInCountMode))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("window.step = '5s': applies only to window.mode=time");
    }

    @Test
    void judgesByEachBundlesAlarmUnlessTheThresholdRuleIsChosen() {
        TimeSeriesJobConfig onset = TimeSeriesJobConfig.of(minimal());
        assertThat(onset.alarmMode()).isEqualTo(AlarmMode.ONSET_LIKELIHOOD);
        String model = onset.bundle().manifest().name();
        AlarmSpec defaults = onset.alarmSettings().of(model);
        // the bundle's own alarm: the test bundle has window 8 and stride 2, so a reading stays in 4 windows
        assertThat(defaults).isEqualTo(onset.bundle().manifest().alarmOrDefault());
        assertThat(defaults.level()).isEqualTo(AlarmSpec.DEFAULT_LEVEL);
        assertThat(defaults.lookBack()).isEqualTo(4);
        assertThat(defaults.likelihoodHorizon()).isEqualTo(AlarmSpec.DEFAULT_HORIZON);
        assertThat(defaults.rearmAfter()).isEqualTo(4);
        assertThat(onset.toString()).contains("alarm=onset-likelihood >= the bundle's level");

        Map<String, String> raw = minimal();
        raw.putAll(Map.of("alarm.level", "0.8", "alarm.look-back", "16", "alarm.likelihood.horizon", "600",
                "alarm.likelihood.warm-up", "30", "alarm.rearm-after", "0"));
        AlarmSpec set = TimeSeriesJobConfig.of(raw).alarmSettings().of(model);
        assertThat(set.level()).isEqualTo(0.8);
        assertThat(set.lookBack()).isEqualTo(16);
        assertThat(set.likelihoodHorizon()).isEqualTo(600);
        assertThat(set.likelihoodWarmUp()).isEqualTo(30);
        assertThat(set.rearmAfter()).as("0: re-armed at once").isZero();
        assertThat(set.seasonalPeriods()).as("the bundle's: none").isEmpty();
        assertThat(TimeSeriesJobConfig.of(raw).toString()).contains("alarm=onset-likelihood >= 0.8");

        Map<String, String> seasonal = minimal();
        seasonal.put("alarm.seasonal-periods", "p1d, PT12H");
        assertThat(TimeSeriesJobConfig.of(seasonal).alarmSettings().of(model).seasonalPeriods())
                .containsExactly("P1D", "PT12H");
        seasonal.put("alarm.seasonal-periods", "none");
        assertThat(TimeSeriesJobConfig.of(seasonal).alarmSettings().of(model).seasonalPeriods()).isEmpty();

        Map<String, String> plainRaw = minimal();
        plainRaw.put("alarm.mode", "threshold");
        TimeSeriesJobConfig plain = TimeSeriesJobConfig.of(plainRaw);
        assertThat(plain.alarmMode()).isEqualTo(AlarmMode.THRESHOLD);
        assertThat(plain.alarmSettings()).isNull();
        assertThat(plain.toString()).contains("alarm=threshold");
    }

    @Test
    void keepsTheBundlesNoveltyUnlessTheJobTurnsItOff() throws Exception {
        ModelBundle plain = ModelBundle.load(bundle);
        NoveltySpec novelty = NoveltySpec.fit(new double[][] {{0}, {1}}, 10);
        Path novel = tmp.resolve("novel-bundle");
        try (LoadedModel model = plain.open()) {
            ModelBundle.save(novel, plain.manifest().withAlarm(plain.manifest().alarmOrDefault().withNovelty(novelty)),
                    model.djlModel().getBlock(), null);
        }
        Map<String, String> raw = minimal();
        raw.put("model.bundle", novel.toString());
        String name = plain.manifest().name();
        assertThat(TimeSeriesJobConfig.of(raw).alarmSettings().of(name).novelty()).isEqualTo(novelty);
        raw.put("alarm.novelty", "false");
        AlarmSpec off = TimeSeriesJobConfig.of(raw).alarmSettings().of(name);
        assertThat(off.novelty()).isNull();
        assertThat(off.lookBack()).isEqualTo(plain.manifest().alarmOrDefault().lookBack());
        assertThat(off.chosenOn()).endsWith("alarm.* settings of the job on top");

        raw.put("alarm.novelty", "perhaps");
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(raw)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("alarm.novelty = 'perhaps'");
        raw.put("alarm.novelty", "false");
        raw.put("alarm.mode", "threshold");
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(raw)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("alarm.novelty = 'false': applies only to alarm.mode=onset-likelihood");
    }

    @Test
    void namesBadAlarmSettingsAndRefusesThemWithTheThresholdRule() {
        Map<String, String> raw = minimal();
        raw.putAll(Map.of("alarm.mode", "onset", "alarm.level", "0", "alarm.likelihood.horizon", "1"));
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(raw))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("3 problems")
                .hasMessageContaining("alarm.mode = 'onset': expected one of threshold, onset-likelihood")
                .hasMessageContaining("alarm.level = '0': expected an anomaly score in (0, 1)")
                .hasMessageContaining("alarm.likelihood.horizon = '1': expected an integer >= 2");

        // a level of the old onset x likelihood scale is refused with its anomaly score
        Map<String, String> oldScale = minimal();
        oldScale.put("alarm.level", "1.2");
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(oldScale))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alarm.level = '1.2': expected an anomaly score in (0, 1)")
                .hasMessageContaining("1 - exp(-1.2) = 0.699");

        Map<String, String> levelWithThreshold = minimal();
        levelWithThreshold.putAll(Map.of("alarm.mode", "threshold", "alarm.level", "0.5"));
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(levelWithThreshold))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alarm.level = '0.5': applies only to alarm.mode=onset-likelihood");

        Map<String, String> notANumber = minimal();
        notANumber.put("alarm.level", "high");
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(notANumber))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alarm.level = 'high': expected an anomaly score in (0, 1)");

        Map<String, String> badPeriod = minimal();
        badPeriod.put("alarm.seasonal-periods", "P1D,daily");
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(badPeriod))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alarm.seasonal-periods = 'P1D,daily'")
                .hasMessageContaining("ISO-8601 durations such as P1D or PT12H, got 'DAILY'");
        badPeriod.put("alarm.mode", "threshold");
        badPeriod.put("alarm.seasonal-periods", "P1D");
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(badPeriod))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alarm.seasonal-periods = 'P1D': applies only to alarm.mode=onset-likelihood");
    }

    @Test
    void servesAModelTrainedOnAGridOnlyOnThatGrid() throws Exception {
        int rows = 200;
        long[] timestamps = new long[rows];
        double[][] data = new double[rows][];
        for (int i = 0; i < rows; i++) {
            timestamps[i] = 1_700_000_000_000L + 1000L * i + (i % 3) * 10; // jittered around a 1 s grid
            data[i] = new double[] {Math.sin(i / 8.0)};
        }
        Path gridded = tmp.resolve("gridded");
        new dev.recon.trainer.TimeSeriesTrainer(dev.recon.trainer.TrainerConfig.defaults("gridded").withWindow(8, 1)
                .withArchitecture(List.of(4), 2).withSplit(1.0, 0.2).withOptimisation(1e-2, 32, 1, 1),
                dev.recon.trainer.TrainingProgress.SILENT)
                .withResampling(new ResampleSpec(1000, GapPolicy.FILL_FORWARD, 5))
                .train(new dev.recon.trainer.data.TimeSeries("jittered", List.of("v"), timestamps, data, null), gridded);

        Map<String, String> raw = minimal();
        raw.put("model.bundle", gridded.toString());
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(raw))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("window.mode = 'count': model 'gridded' (" + gridded
                        + ") was trained on a grid of 1000 ms (recon train --resample); serve it with window.mode=time"
                        + " and window.step=1000ms");

        raw.putAll(Map.of("window.mode", "time", "window.step", "2s"));
        assertThatThrownBy(() -> TimeSeriesJobConfig.of(raw))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("window.step = '2s': model 'gridded'")
                .hasMessageContaining("trained on a grid of 1000 ms, not 2000 ms");

        raw.put("window.step", "PT1S");
        assertThat(TimeSeriesJobConfig.of(raw).resampling().stepMs()).isEqualTo(1000);
        // a model trained on raw readings may be served on any grid
        Map<String, String> plain = minimal();
        plain.putAll(Map.of("window.mode", "time", "window.step", "2s"));
        assertThat(TimeSeriesJobConfig.of(plain).resampling().stepMs()).isEqualTo(2000);
    }
}
