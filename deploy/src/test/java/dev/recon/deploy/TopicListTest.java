package dev.recon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.jobs.TimeSeriesJobConfig;
import dev.recon.jobs.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The topics the local scripts and the compose stack create: the same list in both, holding every
 * topic the time-series job uses with its default settings (its Kafka broker does not create topics).
 */
class TopicListTest {

    private static final Pattern TOPIC_LIST = Pattern.compile("((?:[a-z.-]+:\\d+ ?)+)");

    @Test
    void theLocalScriptsAndComposeCreateEveryDefaultTopicOfTheJob() throws IOException {
        List<String> local = topics(Files.readString(RepositoryFiles.root().resolve("deploy/local/start.sh")),
                "topics=(", ")");
        List<String> compose = topics(Files.readString(RepositoryFiles.root().resolve("docker-compose.yml")),
                "for topic in ", ";");
        assertThat(compose).as("topics of docker-compose.yml vs deploy/local/start.sh").isEqualTo(local);

        List<String> expected = new ArrayList<>();
        for (Setting<?> setting : TimeSeriesJobConfig.SETTINGS.settings()) {
            if (setting.key().startsWith("topic.") && !setting.isDerived() && setting.defaultText() != null) {
                expected.add(setting.defaultText().replace("`", ""));
            }
        }
        expected.add(TimeSeriesJobConfig.READINGS_TOPIC.defaultText().replace("`", "") + ".dlq");
        assertThat(local.stream().map(t -> t.substring(0, t.indexOf(':'))).toList())
                .as("topics created for the job's default topic.* settings").containsAll(expected);
    }

    private static List<String> topics(String text, String before, String after) {
        int start = text.indexOf(before + "sensor-readings");
        assertThat(start).as("a topic list after '%s'", before).isNotNegative();
        String list = text.substring(start + before.length(), text.indexOf(after, start + before.length()));
        Matcher m = TOPIC_LIST.matcher(list.strip());
        assertThat(m.matches()).as("NAME:PARTITIONS list: %s", list).isTrue();
        return List.of(list.strip().split("\\s+"));
    }
}
