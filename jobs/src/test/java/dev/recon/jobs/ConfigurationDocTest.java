package dev.recon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Keeps docs/configuration.md and config/timeseries.properties true to {@link TimeSeriesJobConfig}. */
class ConfigurationDocTest {

    private static final Path ROOT = Path.of("..");

    private static final String BEGIN = "<!-- generated from TimeSeriesJobConfig.SETTINGS";
    private static final String END = "<!-- end of generated table -->";

    /** Run with {@code -Drecon.docs.regenerate=true} to rewrite the table after changing a setting. */
    @Test
    void theReferenceTableIsTheGeneratedOne() throws Exception {
        Path file = ROOT.resolve("docs/configuration.md");
        String doc = Files.readString(file);
        if (Boolean.getBoolean("recon.docs.regenerate")) {
            int from = doc.indexOf('\n', doc.indexOf(BEGIN)) + 1;
            doc = doc.substring(0, from) + TimeSeriesJobConfig.markdown() + doc.substring(doc.indexOf(END));
            Files.writeString(file, doc);
        }
        assertThat(doc)
                .as("regenerate the table in docs/configuration.md from TimeSeriesJobConfig.markdown()")
                .contains(TimeSeriesJobConfig.markdown().strip());
    }

    @Test
    void theExamplePropertiesUseOnlyKnownKeys() throws Exception {
        Properties example = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve("config/timeseries.properties"))) {
            example.load(in);
        }
        for (String key : example.stringPropertyNames()) {
            assertThat(TimeSeriesJobConfig.markdown()).as(key).contains("`" + key + "`");
        }
        assertThat(example).containsKeys("kafka.bootstrap-servers");
        assertThat(Map.copyOf(example)).doesNotContainKey("model.bundle"); // commented out: given per run
    }
}
