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

    @Test
    void theReferenceTableIsTheGeneratedOne() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/configuration.md"));
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
