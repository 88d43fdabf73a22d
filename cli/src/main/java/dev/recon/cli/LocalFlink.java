package dev.recon.cli;

import dev.recon.metrics.prometheus.PrometheusReporter;
import dev.recon.metrics.prometheus.PrometheusReporterFactory;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Flink's local MiniCluster as recon runs it in-process: every endpoint bound to loopback, recon's
 * Prometheus reporter on ({@code http://127.0.0.1:PORT/metrics}).
 */
public final class LocalFlink {

    /** Name of the Prometheus reporter in Flink's configuration ({@code metrics.reporter.prom.*}), as on clusters. */
    public static final String REPORTER = "prom";
    /** Address the reporter binds. */
    public static final String METRICS_HOST = "127.0.0.1";
    /** Ports the reporter tries by default, the first free one is taken (logged). */
    public static final String DEFAULT_METRICS_PORTS = "9249-9259";

    private LocalFlink() {}

    /** The configuration of an in-process cluster, metrics on the first free port of {@value #DEFAULT_METRICS_PORTS}. */
    public static Configuration configuration() {
        return configuration(DEFAULT_METRICS_PORTS);
    }

    /**
     * The configuration of an in-process cluster with recon's Prometheus reporter on {@value #METRICS_HOST}.
     *
     * @param metricsPorts a port, a range {@code FROM-TO}, or 0 for any free port
     */
    public static Configuration configuration(String metricsPorts) {
        Configuration conf = new Configuration();
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.address", "127.0.0.1");
        conf.setString("rest.port", "0");
        conf.setString("jobmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.host", "127.0.0.1");
        // Accumulators travel with heartbeats: report every second so progress is live.
        conf.setString("heartbeat.interval", "1000");
        String reporter = "metrics.reporter." + REPORTER + ".";
        conf.setString(reporter + "factory.class", PrometheusReporterFactory.class.getName());
        conf.setString(reporter + PrometheusReporter.HOST, METRICS_HOST);
        conf.setString(reporter + PrometheusReporter.PORT, metricsPorts);
        return conf;
    }

    /** A local environment with {@link #configuration()}. */
    public static StreamExecutionEnvironment environment() {
        return StreamExecutionEnvironment.getExecutionEnvironment(configuration());
    }

    /** A local environment with {@link #configuration(String)}. */
    public static StreamExecutionEnvironment environment(String metricsPorts) {
        return StreamExecutionEnvironment.getExecutionEnvironment(configuration(metricsPorts));
    }
}
