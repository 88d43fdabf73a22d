package dev.recon.cli.demo;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adapts recon's Prometheus configuration and rules ({@code deploy/prometheus/}) to processes on this
 * machine: the same file with loopback targets in place of the compose service names, and shorter
 * intervals where a run lasts minutes rather than days.
 */
public final class MonitoringConfig {

    private static final Pattern FLINK_TARGET = Pattern.compile("(?m)^(\\s*- )\\S+ # recon:flink-target\\s*$\\n?");
    private static final Pattern FOR = Pattern.compile("(?m)^(\\s+for: )\\S+\\s*$");

    private MonitoringConfig() {}

    /**
     * {@code prometheusYml} scraping {@code flinkTargets} (host:port) instead of the marked Flink targets,
     * loading rules from {@code rulesGlob}, alerting {@code alertmanager} (host:port, or null for none),
     * scraping itself at {@code self}, with scrape and evaluation every {@code interval}.
     */
    public static String prometheus(String prometheusYml, List<String> flinkTargets, String self, String alertmanager,
            String rulesGlob, Duration interval) {
        Matcher m = FLINK_TARGET.matcher(prometheusYml);
        if (!m.find()) {
            throw new IllegalArgumentException("no '# recon:flink-target' line in the Prometheus configuration");
        }
        String indent = m.group(1);
        StringBuilder targets = new StringBuilder();
        for (String target : flinkTargets) {
            targets.append(indent).append(target).append('\n');
        }
        String yml = FLINK_TARGET.matcher(prometheusYml).replaceFirst(Matcher.quoteReplacement(targets.toString()));
        yml = FLINK_TARGET.matcher(yml).replaceAll("");
        yml = yml.replace("/etc/prometheus/rules/*.yml", rulesGlob)
                .replace("prometheus:9090", self)
                .replaceAll("(?m)^(\\s*(scrape|evaluation)_interval: ).*$", "$1" + interval.toMillis() + "ms");
        if (alertmanager == null) {
            yml = yml.replaceAll("(?s)alerting:.*?(?=\\nscrape_configs:)", "");
        } else {
            yml = yml.replace("alertmanager:9093", alertmanager);
        }
        return yml;
    }

    /** {@code rules} with every {@code for:} duration replaced by {@code pendingFor} (for a short run). */
    public static String shortenFor(String rules, Duration pendingFor) {
        return FOR.matcher(rules).replaceAll("$1" + pendingFor.toMillis() + "ms");
    }
}
