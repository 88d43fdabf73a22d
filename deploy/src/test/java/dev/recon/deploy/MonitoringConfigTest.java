package dev.recon.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks the Prometheus rules and the Alertmanager configuration with the tools that ship with them
 * ({@code promtool}, {@code amtool}: Debian packages prometheus and prometheus-alertmanager); skipped
 * where they are not installed.
 */
class MonitoringConfigTest {

    private static final Path ROOT = RepositoryFiles.root();

    @Test
    void prometheusConfigurationAndRulesAreValid() throws Exception {
        assumeTrue(onPath("promtool"), "promtool is not installed");
        assertValid("promtool", "check", "config", ROOT.resolve("deploy/prometheus/prometheus.yml").toString());
        List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
        try (Stream<Path> rules = Files.list(ROOT.resolve("deploy/prometheus/rules"))) {
            rules.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(p -> command.add(p.toString()));
        }
        assertThat(command).hasSizeGreaterThan(3);
        assertValid(command.toArray(String[]::new));
    }

    @Test
    void alertmanagerConfigurationIsValid() throws Exception {
        assumeTrue(onPath("amtool"), "amtool is not installed");
        assertValid("amtool", "check-config", ROOT.resolve("deploy/alertmanager/alertmanager.yml").toString());
    }

    private static void assertValid(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s:%n%s", String.join(" ", command), output).isZero();
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
