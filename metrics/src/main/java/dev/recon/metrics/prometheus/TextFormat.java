package dev.recon.metrics.prometheus;

import java.util.HashSet;
import java.util.Set;

/**
 * Writes Prometheus' text exposition format (version 0.0.4): {@code # TYPE} lines and samples with
 * escaped label values. A series written twice (same name and labels) is written once; a family without
 * samples is left out.
 */
final class TextFormat {

    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final Set<String> written = new HashSet<>();

    private String pendingType;

    /** Starts a family; its {@code # TYPE} line is written with its first sample (none for a family without). */
    void type(String family, String type) {
        pendingType = "# TYPE " + family + " " + type + "\n";
    }

    void sample(String name, String[] labelNames, String[] labelValues, double value) {
        sample(name, labelNames, labelValues, null, null, value);
    }

    void sample(String name, String[] labelNames, String[] labelValues, String extraName, String extraValue,
            double value) {
        StringBuilder series = new StringBuilder(name);
        boolean any = labelNames.length > 0 || extraName != null;
        if (any) {
            series.append('{');
            for (int i = 0; i < labelNames.length; i++) {
                label(series, labelNames[i], labelValues[i]);
                series.append(',');
            }
            if (extraName != null) {
                label(series, extraName, extraValue);
            } else {
                series.setLength(series.length() - 1);
            }
            series.append('}');
        }
        String key = series.toString();
        if (written.add(key)) {
            if (pendingType != null) {
                out.append(pendingType);
                pendingType = null;
            }
            out.append(key).append(' ').append(number(value)).append('\n');
        }
    }

    private static void label(StringBuilder series, String name, String value) {
        series.append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> series.append("\\\\");
                case '"' -> series.append("\\\"");
                case '\n' -> series.append("\\n");
                default -> series.append(c);
            }
        }
        series.append('"');
    }

    /** A sample value or bound as Prometheus writes it. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
