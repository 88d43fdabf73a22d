package dev.recon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.jobs.config.Setting;
import dev.recon.jobs.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/configuration.md true to {@link TimeSeriesJobConfig} and {@link ImageJobConfig} (one
 * generated table per job, every key of both documented), and config/timeseries.properties to the
 * time-series job's keys.
 */
class ConfigurationDocTest {

    private static final Path ROOT = Path.of("..");
    private static final Path DOC = ROOT.resolve("docs/configuration.md");

    private static final String END = "<!-- end of generated table -->";

    /** Each job's table: the marker line that opens it and its settings. */
    private static final Map<String, Settings> TABLES = Map.of(
            "<!-- generated from TimeSeriesJobConfig.SETTINGS", TimeSeriesJobConfig.SETTINGS,
            "<!-- generated from ImageJobConfig.SETTINGS", ImageJobConfig.SETTINGS);

    /** Run with {@code -Drecon.docs.regenerate=true} to rewrite the tables after changing a setting. */
    @Test
    void eachJobsReferenceTableIsTheGeneratedOne() throws Exception {
        String doc = Files.readString(DOC);
        if (Boolean.getBoolean("recon.docs.regenerate")) {
            for (Map.Entry<String, Settings> table : TABLES.entrySet()) {
                int begin = doc.indexOf(table.getKey());
                assertThat(begin).as("marker %s in %s", table.getKey(), DOC).isNotNegative();
                int from = doc.indexOf('\n', begin) + 1;
                doc = doc.substring(0, from) + table.getValue().markdown() + doc.substring(doc.indexOf(END, from));
            }
            Files.writeString(DOC, doc);
        }
        for (Map.Entry<String, Settings> table : TABLES.entrySet()) {
            int begin = doc.indexOf(table.getKey());
            assertThat(begin).as("marker %s in %s", table.getKey(), DOC).isNotNegative();
            String section = doc.substring(doc.indexOf('\n', begin) + 1, doc.indexOf(END, begin));
            assertThat(section)
                    .as("regenerate the tables in docs/configuration.md (-Drecon.docs.regenerate=true)")
                    .isEqualTo(table.getValue().markdown());
        }
    }

    @Test
    void everyKeyOfBothJobsIsDocumented() throws Exception {
        String doc = Files.readString(DOC);
        for (Settings settings : TABLES.values()) {
            for (Setting<?> setting : settings.settings()) {
                assertThat(doc).as(setting.key()).contains("| `" + setting.key() + "` |");
            }
        }
        assertThat(doc).contains("| `" + ImageJobConfig.KAFKA_CLIENT_PREFIX + "*` |");
    }

    @Test
    void theExamplePropertiesUseOnlyKnownKeys() throws Exception {
        assertExampleUsesKnownKeys("config/timeseries.properties", TimeSeriesJobConfig.markdown());
        assertExampleUsesKnownKeys("config/images.properties", ImageJobConfig.markdown());
    }

    private static void assertExampleUsesKnownKeys(String file, String table) throws Exception {
        Properties example = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve(file))) {
            example.load(in);
        }
        for (String key : example.stringPropertyNames()) {
            assertThat(table).as(file + ": " + key).contains("`" + key + "`");
        }
        assertThat(example).as(file).containsKeys("kafka.bootstrap-servers");
        assertThat(Map.copyOf(example)).as(file).doesNotContainKey("model.bundle"); // commented out: given per run
    }
}
