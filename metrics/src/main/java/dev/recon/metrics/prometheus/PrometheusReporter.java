package dev.recon.metrics.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.recon.metrics.BucketHistogram;
import dev.recon.metrics.InfoGauge;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every metric of its JobManager or TaskManager at {@code http://HOST:PORT/metrics} in
 * Prometheus' text format, bound to a configurable address (Flink 2.2's own reporter binds every
 * interface).
 *
 * <p>Settings ({@code metrics.reporter.NAME.*}): {@value #HOST} (default {@value #DEFAULT_HOST}),
 * {@value #PORT} (default {@value #DEFAULT_PORT}; a range {@code 9250-9260} takes the first free port,
 * {@code 0} any free port; the bound port is logged).
 *
 * <p>Names. Metrics whose name starts with {@value #RECON_PREFIX} are recon's own and keep their
 * name (they follow Prometheus conventions already, see {@code ReconMetrics}): counters are
 * exported as counters, {@link BucketHistogram}s as histograms. Every other metric is named and
 * typed as Flink's reporter does ({@code flink_<logical scope>_<name>}; counters, gauges and meters
 * as gauges, histograms as summaries), so Flink's usual queries and dashboards work. Either way the
 * labels are the metric group's variables ({@code job_name}, {@code task_name},
 * {@code subtask_index}, ... and recon's key-value groups such as {@code model}, {@code sensor}).
 */
public final class PrometheusReporter implements MetricReporter {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusReporter.class);

    /** Setting: the address to bind. */
    public static final String HOST = "host";
    /** Setting: the port, a range {@code from-to}, or 0. */
    public static final String PORT = "port";
    /** Default address: loopback only; containers set 0.0.0.0. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default port (Flink's reporter's). */
    public static final String DEFAULT_PORT = "9249";
    /** Prefix of recon's own metric names. */
    public static final String RECON_PREFIX = "recon_";

    private static final Pattern INVALID_NAME_CHARS = Pattern.compile("[^a-zA-Z0-9:_]");
    private static final CharacterFilter FILTER = s -> INVALID_NAME_CHARS.matcher(s).replaceAll("_");
    private static final String[] QUANTILES = {"0.5", "0.75", "0.95", "0.98", "0.99", "0.999"};

    private final Map<Metric, ExportedMetric> metrics = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService executor;

    @Override
    public void open(MetricConfig config) {
        String host = config.getString(HOST, DEFAULT_HOST);
        String ports = config.getString(PORT, DEFAULT_PORT).trim();
        int from;
        int to;
        try {
            int dash = ports.indexOf('-');
            from = Integer.parseInt(dash < 0 ? ports : ports.substring(0, dash).trim());
            to = dash < 0 ? from : Integer.parseInt(ports.substring(dash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metrics reporter setting '" + PORT + "' must be a port, a range "
                    + "FROM-TO or 0, got '" + ports + "'", e);
        }
        if (from < 0 || to > 65535 || to < from) {
            throw new IllegalArgumentException("metrics reporter setting '" + PORT + "' must be within 0-65535 with "
                    + "FROM <= TO, got '" + ports + "'");
        }
        IOException last = null;
        for (int port = from; port <= to; port++) {
            try {
                server = HttpServer.create(new InetSocketAddress(host, port), 16);
                break;
            } catch (BindException e) {
                last = e;
            } catch (IOException e) {
                throw new IllegalStateException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
            }
        }
        if (server == null) {
            throw new IllegalStateException("cannot serve metrics on " + host + ":" + ports
                    + ": every port is in use (" + (last == null ? "" : last.getMessage()) + ")", last);
        }
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "recon-prometheus-reporter");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        LOG.info("Serving Prometheus metrics at http://{}:{}/metrics", host, port());
    }

    /** The port the endpoint listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        metrics.clear();
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        ExportedMetric exported = export(metric, metricName, group);
        if (exported != null) {
            metrics.put(metric, exported);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        metrics.remove(metric);
    }

    /** How a metric is exported, or null for one Prometheus cannot represent. */
    static ExportedMetric export(Metric metric, String metricName, MetricGroup group) {
        boolean recon = metricName.startsWith(RECON_PREFIX);
        String family;
        if (recon) {
            family = FILTER.filterCharacters(metricName);
        } else {
            String scope;
            try {
                scope = LogicalScopeProvider.castFrom(group).getLogicalScope(FILTER, '_');
            } catch (IllegalStateException e) {
                scope = "unknown";
            }
            family = "flink_" + scope + "_" + FILTER.filterCharacters(metricName);
        }
        String type;
        if (metric instanceof Counter) {
            type = recon ? "counter" : "gauge";
        } else if (metric instanceof Gauge || metric instanceof Meter) {
            type = "gauge";
        } else if (metric instanceof BucketHistogram) {
            type = "histogram";
        } else if (metric instanceof Histogram) {
            type = "summary";
        } else {
            LOG.debug("Not exporting metric {} of type {}", metricName, metric.getClass().getName());
            return null;
        }
        Map<String, String> variables = group.getAllVariables();
        String[] names = new String[variables.size()];
        String[] values = new String[variables.size()];
        int i = 0;
        for (Map.Entry<String, String> v : variables.entrySet()) {
            names[i] = FILTER.filterCharacters(v.getKey().replace("<", "").replace(">", ""));
            values[i] = v.getValue();
            i++;
        }
        return new ExportedMetric(family, type, names, values, metric);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/") && !path.equals("/metrics")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (RuntimeException e) {
            LOG.warn("Failed to serve a metrics scrape", e);
        }
    }

    /** Every metric in Prometheus' text format (version 0.0.4). */
    String scrape() {
        Map<String, List<ExportedMetric>> families = new TreeMap<>();
        for (ExportedMetric m : metrics.values()) {
            families.computeIfAbsent(m.family(), k -> new ArrayList<>()).add(m);
        }
        TextFormat text = new TextFormat();
        for (Map.Entry<String, List<ExportedMetric>> family : families.entrySet()) {
            String type = family.getValue().get(0).type();
            text.type(family.getKey(), type);
            for (ExportedMetric m : family.getValue()) {
                if (!m.type().equals(type)) {
                    continue; // two Flink metrics of different kinds under one name: keep the first kind
                }
                write(text, m);
            }
        }
        return text.toString();
    }

    private static void write(TextFormat text, ExportedMetric m) {
        String name = m.family();
        Metric metric = m.metric();
        if (metric instanceof Counter c) {
            text.sample(name, m.labelNames(), m.labelValues(), c.getCount());
        } else if (metric instanceof InfoGauge info) {
            String[] pairs = info.labels();
            String[] names = Arrays.copyOf(m.labelNames(), m.labelNames().length + pairs.length / 2);
            String[] values = Arrays.copyOf(m.labelValues(), names.length);
            for (int k = 0; k < pairs.length / 2; k++) {
                names[m.labelNames().length + k] = FILTER.filterCharacters(pairs[2 * k]);
                values[m.labelNames().length + k] = pairs[2 * k + 1];
            }
            text.sample(name, names, values, 1);
        } else if (metric instanceof Gauge<?> g) {
            Object value;
            try {
                value = g.getValue();
            } catch (RuntimeException e) {
                return; // a gauge that cannot answer now is left out of this scrape
            }
            if (value instanceof Number n) {
                text.sample(name, m.labelNames(), m.labelValues(), n.doubleValue());
            } else if (value instanceof Boolean b) {
                text.sample(name, m.labelNames(), m.labelValues(), b ? 1 : 0);
            }
        } else if (metric instanceof Meter meter) {
            text.sample(name, m.labelNames(), m.labelValues(), meter.getRate());
        } else if (metric instanceof BucketHistogram h) {
            double[] bounds = h.upperBounds();
            long[] cumulative = h.cumulativeCounts();
            for (int b = 0; b < cumulative.length; b++) {
                text.sample(name + "_bucket", m.labelNames(), m.labelValues(), "le",
                        b < bounds.length ? TextFormat.number(bounds[b]) : "+Inf", cumulative[b]);
            }
            text.sample(name + "_sum", m.labelNames(), m.labelValues(), h.sum());
            text.sample(name + "_count", m.labelNames(), m.labelValues(), cumulative[cumulative.length - 1]);
        } else if (metric instanceof Histogram h) {
            HistogramStatistics stats = h.getStatistics();
            for (String q : QUANTILES) {
                text.sample(name, m.labelNames(), m.labelValues(), "quantile", q,
                        stats.getQuantile(Double.parseDouble(q)));
            }
            text.sample(name + "_count", m.labelNames(), m.labelValues(), h.getCount());
        }
    }
}
