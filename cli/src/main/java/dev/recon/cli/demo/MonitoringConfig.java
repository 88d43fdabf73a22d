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
    private static final Pattern FOR = Pattern.compile("(?m)^(\\s+for: )(\\S+)[ \\t]*$");
    /** The first line of a rule (or of a group): each rule's text runs from its line to the next one. */
    private static final Pattern RULE_START = Pattern.compile("(?m)^\\s*- (alert|record|name):");
    private static final Pattern PROMETHEUS_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");
    /** A duration in words, as annotations state them: "30 minutes", "2 min", "1 hour", "90 seconds". */
    private static final Pattern STATED_DURATION =
            Pattern.compile("(?<![\\w.])(\\d+) (hours?|minutes?|mins?|seconds?|secs?)\\b");

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

    /**
     * {@code rules} with every {@code for:} duration replaced by {@code pendingFor} (for a short run), and
     * each rule's text that states its old {@code for:} duration saying {@code pendingFor} instead: in a
     * rule with {@code for: 30m}, "30 minutes" (also "30 min", "1800 seconds"; a duration in digits and a
     * unit) becomes "10 seconds", so an annotation such as "open for 30 minutes" stays true. Other
     * durations in the text (a range such as "in the last 15 minutes") are left as they are, as the
     * ranges do not change: a rule whose text names a range as long as its {@code for:} would have that
     * rewritten too. Prometheus' annotation templates cannot read {@code for:}, hence the rewriting.
     */
    public static String shortenFor(String rules, Duration pendingFor) {
        String shortened = humanize(pendingFor);
        StringBuilder out = new StringBuilder(rules.length());
        Matcher boundary = RULE_START.matcher(rules);
        int blockStart = 0;
        while (boundary.find()) {
            if (boundary.start() > blockStart) {
                out.append(shortenRule(rules.substring(blockStart, boundary.start()), pendingFor, shortened));
                blockStart = boundary.start();
            }
        }
        out.append(shortenRule(rules.substring(blockStart), pendingFor, shortened));
        return out.toString();
    }

    /** One rule's text (from its {@code - alert:} line to the next rule) with its {@code for:} shortened. */
    private static String shortenRule(String rule, Duration pendingFor, String shortened) {
        Matcher forLine = FOR.matcher(rule);
        if (!forLine.find()) {
            return rule;
        }
        Duration original = parseDuration(forLine.group(2));
        String text = FOR.matcher(rule).replaceAll("$1" + pendingFor.toMillis() + "ms");
        if (original == null) {
            return text;
        }
        Matcher stated = STATED_DURATION.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (stated.find()) {
            boolean isFor = unit(stated.group(2)).multipliedBy(Long.parseLong(stated.group(1))).equals(original);
            stated.appendReplacement(out, Matcher.quoteReplacement(isFor ? shortened : stated.group()));
        }
        stated.appendTail(out);
        return out.toString();
    }

    /** A Prometheus duration ({@code 30m}, {@code 1h30m}, {@code 90s}, {@code 500ms}), or null if it is none. */
    static Duration parseDuration(String text) {
        Matcher m = PROMETHEUS_DURATION.matcher(text);
        if (!text.matches("(\\d+(ms|s|m|h|d|w|y))+")) {
            return null;
        }
        Duration total = Duration.ZERO;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
            });
        }
        return total;
    }

    private static Duration unit(String word) {
        return switch (word.charAt(0)) {
            case 'h' -> Duration.ofHours(1);
            case 'm' -> Duration.ofMinutes(1);
            default -> Duration.ofSeconds(1);
        };
    }

    /** {@code duration} in words, in its largest whole unit: "10 seconds", "1 minute", "500 milliseconds". */
    static String humanize(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return plural(ms / 3_600_000, "hour");
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return plural(ms / 60_000, "minute");
        }
        if (ms % 1000 == 0) {
            return plural(ms / 1000, "second");
        }
        return plural(ms, "millisecond");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
