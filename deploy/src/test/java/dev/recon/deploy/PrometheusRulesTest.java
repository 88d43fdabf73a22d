package dev.recon.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recon.cli.demo.LocalPrometheus;
import dev.recon.operators.metrics.ReconMetrics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alert rules: their unit tests pass ({@code promtool test rules}, skipped without promtool),
 * every alert has a test, a {@code for:}, a severity the Alertmanager routes, a summary, a description
 * and a runbook in {@code docs/operations.md}; and every {@code recon_*} metric named by the rules,
 * the dashboard and the docs is one of {@link ReconMetrics}.
 */
class PrometheusRulesTest {

    private static final Path ROOT = RepositoryFiles.root();
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private static final Pattern RECON_METRIC = Pattern.compile("\\brecon_[a-z0-9_]+");

    private static final Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException {
        for (Path file : ruleFiles()) {
            for (Object group : Yaml.list(Yaml.load(file), "groups")) {
                for (Object rule : Yaml.list(asMap(group), "rules")) {
                    Map<String, Object> r = asMap(rule);
                    if (r.containsKey("alert")) {
                        assertThat(alerts.put((String) r.get("alert"), r)).as("alert %s defined twice", r.get("alert"))
                                .isNull();
                    }
                }
            }
        }
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(14);
    }

    @Test
    void everyRuleTestPasses() throws Exception {
        assumeTrue(LocalPrometheus.binary("promtool").isPresent(), "promtool is not installed");
        List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
        try (Stream<Path> tests = Files.list(ROOT.resolve("deploy/prometheus/tests"))) {
            tests.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(p -> command.add(p.toString()));
        }
        Process process = new ProcessBuilder(command).directory(ROOT.resolve("deploy/prometheus/tests").toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s:%n%s", String.join(" ", command), output).isZero();
    }

    @Test
    void everyAlertHasATest() throws IOException {
        StringBuilder tests = new StringBuilder();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/prometheus/tests"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
                tests.append(Files.readString(f));
            }
        }
        assertThat(alerts.keySet()).allSatisfy(name -> assertThat(tests.toString())
                .as("a promtool test of %s", name).containsPattern("alertname: " + name + "\\s"));
    }

    @Test
    void everyAlertHasForSeveritySummaryDescriptionAndARunbook() throws IOException {
        String operations = Files.readString(ROOT.resolve("docs/operations.md"));
        alerts.forEach((name, rule) -> {
            assertThat(rule).as("alert %s", name).containsKey("for");
            assertThat(Yaml.map(rule, "labels").get("severity")).as("severity of %s", name).isIn(SEVERITIES);
            assertThat(Yaml.map(rule, "annotations")).as("annotations of %s", name)
                    .containsKeys("summary", "description");
            assertThat(operations).as("a runbook section '### %s' in docs/operations.md", name)
                    .contains("\n### " + name + "\n");
        });
    }

    @Test
    void alertmanagerRoutesEverySeverity() throws IOException {
        Map<String, Object> route = Yaml.map(Yaml.load(ROOT.resolve("deploy/alertmanager/alertmanager.yml")), "route");
        String routes = Yaml.list(route, "routes").toString();
        for (String severity : SEVERITIES) {
            assertThat(routes).as("a route for severity %s", severity).contains("severity=\"" + severity + "\"");
        }
    }

    @Test
    void everyReconMetricNamedInRulesDashboardAndDocsExists() throws Exception {
        Set<String> known = new TreeSet<>();
        for (Field f : ReconMetrics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String value = (String) f.get(null);
                if (value.startsWith("recon_")) {
                    known.add(value);
                }
            }
        }
        List<Path> files = new ArrayList<>(ruleFiles());
        files.add(ROOT.resolve("deploy/grafana/dashboards/recon-overview.json"));
        files.add(ROOT.resolve("docs/operations.md"));
        for (Path file : files) {
            Matcher m = RECON_METRIC.matcher(Files.readString(file));
            Set<String> unknown = new TreeSet<>();
            while (m.find()) {
                String name = m.group().replaceFirst("_(bucket|count|sum)$", "");
                if (!known.contains(name) && !known.contains(m.group())) {
                    unknown.add(m.group());
                }
            }
            assertThat(unknown).as("recon_* names in %s that ReconMetrics does not define", ROOT.relativize(file))
                    .isEmpty();
        }
        String operations = Files.readString(ROOT.resolve("docs/operations.md"));
        assertThat(known).allSatisfy(name -> assertThat(operations).as("docs/operations.md documents %s", name)
                .contains("`" + name + "`"));
    }

    private static List<Path> ruleFiles() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/prometheus/rules"))) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        return node instanceof Map ? (Map<String, Object>) node : Map.of();
    }
}
