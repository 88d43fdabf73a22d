package dev.recon.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link MonitoringConfig#shortenFor}: the demo's alert rules, and what their annotations say. */
class MonitoringConfigTest {

    private static final Duration DEMO = Duration.ofSeconds(DemoMonitoring.PENDING_SECONDS);

    private static final String RULES = """
            groups:
              - name: g
                rules:
                  - alert: Open
                    expr: max by (sensor) (open) > 0
                    for: 30m
                    labels:
                      severity: warning
                    annotations:
                      summary: "An incident of {{ $labels.sensor }} has been open for 30 minutes"
                      description: "Open for over 30 min, with 130 minutes of data and 1.30 minutes of lag."
                  - alert: Silent
                    expr: sum by (sensor) (increase(scored[15m])) == 0
                    for: 5m
                    annotations:
                      summary: "No data for 15 minutes"
                      description: "Nothing in the last 5 minutes and the last 15 minutes (for 5m)."
                  - alert: Down
                    expr: up == 0
                    for: 1h
                    annotations:
                      summary: "Down for 1 hour, that is 60 minutes or 3600 seconds; not 30 minutes"
                  - alert: NoFor
                    expr: up == 0
                    annotations:
                      summary: "Down for 30 minutes"
            """;

    @TempDir
    Path tmp;

    @Test
    void shortensEveryForAndTheTextThatStatesIt() {
        String shortened = MonitoringConfig.shortenFor(RULES, DEMO);

        assertThat(Pattern.compile("(?m)^\\s+for: 10000ms$").matcher(shortened).results().count()).isEqualTo(3);
        assertThat(shortened).doesNotContain("for: 30m", "for: 5m\n", "for: 1h")
                .contains("has been open for 10 seconds\"")
                .contains("\"Open for over 10 seconds, with 130 minutes of data and 1.30 minutes of lag.\"")
                // a range is not the for: duration; "15 minutes" does not contain the rule's "5 minutes"
                .contains("summary: \"No data for 15 minutes\"")
                .contains("\"Nothing in the last 10 seconds and the last 15 minutes (for 5m).\"")
                .contains("\"Down for 10 seconds, that is 10 seconds or 10 seconds; not 30 minutes\"")
                // a rule without for: keeps its text
                .contains("summary: \"Down for 30 minutes\"");
        assertThat(shortened.lines().count()).isEqualTo(RULES.lines().count());
        assertThat(MonitoringConfig.shortenFor(RULES, Duration.ofMinutes(1))).contains("has been open for 1 minute\"");
    }

    @Test
    void parsesPrometheusDurationsAndWritesThemInWords() {
        assertThat(MonitoringConfig.parseDuration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(MonitoringConfig.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(MonitoringConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(MonitoringConfig.parseDuration("10000ms")).isEqualTo(Duration.ofSeconds(10));
        assertThat(MonitoringConfig.parseDuration("soon")).isNull();
        assertThat(MonitoringConfig.humanize(Duration.ofSeconds(10))).isEqualTo("10 seconds");
        assertThat(MonitoringConfig.humanize(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(MonitoringConfig.humanize(Duration.ofMinutes(2))).isEqualTo("2 minutes");
        assertThat(MonitoringConfig.humanize(Duration.ofMillis(1500))).isEqualTo("1500 milliseconds");
    }

    @Test
    void theShippedRulesSayTheDemosDurations() throws Exception {
        String rules = resource("monitoring/prometheus/rules/recon.yml");
        String shortened = MonitoringConfig.shortenFor(rules, DEMO);

        String incident = rule(shortened, "ReconIncidentOpenTooLong");
        assertThat(incident).contains("for: 10000ms", "has been open for 10 seconds\"", "open incident for over 10 seconds:")
                .doesNotContain("30 minutes");
        assertThat(rule(shortened, "ReconMetricsTargetDown")).contains("(job flink) for 10 seconds:");
        // ranges stay: the silent-sensor rule looks 15 minutes back, for 5 minutes
        assertThat(rule(shortened, "ReconSensorSilent")).contains("No data from sensor {{ $labels.sensor }} for 15 minutes");
        assertThat(rule(shortened, "ReconJobRestarting")).contains("in the last 10 minutes");
        assertThat(shortened.lines().count()).isEqualTo(rules.lines().count());

        assumeTrue(LocalPrometheus.binary("promtool").isPresent(), "promtool is not installed");
        Path file = Files.writeString(tmp.resolve("recon.yml"), shortened);
        Process process = new ProcessBuilder("promtool", "check", "rules", file.toString()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("promtool check rules:%n%s", output).isZero();
    }

    /** The text of one alert rule, from its {@code - alert:} line to the next rule. */
    private static String rule(String rules, String alert) {
        int start = rules.indexOf("- alert: " + alert + "\n");
        assertThat(start).as("rule %s", alert).isNotNegative();
        int end = rules.indexOf("- alert: ", start + 1);
        return rules.substring(start, end < 0 ? rules.length() : end);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MonitoringConfigTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
