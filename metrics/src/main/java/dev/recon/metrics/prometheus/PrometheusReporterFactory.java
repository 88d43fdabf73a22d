package dev.recon.metrics.prometheus;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Creates {@link PrometheusReporter}s; registered in
 * {@code META-INF/services/org.apache.flink.metrics.reporter.MetricReporterFactory}.
 *
 * <pre>
 * metrics.reporter.prom.factory.class: dev.recon.metrics.prometheus.PrometheusReporterFactory
 * metrics.reporter.prom.host: 127.0.0.1
 * metrics.reporter.prom.port: 9249
 * </pre>
 */
public final class PrometheusReporterFactory implements MetricReporterFactory {

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new PrometheusReporter();
    }
}
