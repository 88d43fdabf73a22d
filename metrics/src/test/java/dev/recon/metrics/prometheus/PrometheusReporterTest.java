package dev.recon.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.metrics.BucketHistogram;
import dev.recon.metrics.InfoGauge;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** Tests for {@link PrometheusReporter}. */
class PrometheusReporterTest {

    /** A metric group with fixed variables and logical scope. */
    private static final class Group extends UnregisteredMetricsGroup implements LogicalScopeProvider {
        private final Map<String, String> variables;
        private final String scope;

        Group(String scope, Map<String, String> variables) {
            this.scope = scope;
            this.variables = variables;
        }

        @Override
        public Map<String, String> getAllVariables() {
            return variables;
        }

        @Override
        public String getLogicalScope(CharacterFilter filter) {
            return getLogicalScope(filter, '.');
        }

        @Override
        public String getLogicalScope(CharacterFilter filter, char delimiter) {
            return filter.filterCharacters(scope.replace('.', delimiter));
        }

        @Override
        public MetricGroup getWrappedMetricGroup() {
            return this;
        }
    }

    @Test
    void servesReconMetricsInPrometheusShapesAndFlinkMetricsAsFlinkNamesThem() throws Exception {
        PrometheusReporter reporter = new PrometheusReporter();
        MetricConfig config = new MetricConfig();
        config.setProperty(PrometheusReporter.PORT, "0");
        reporter.open(config);
        try {
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("<job_name>", "job \"a\"");
            vars.put("<model>", "pump");
            Group group = new Group("taskmanager.job.task.operator", vars);
            SimpleCounter anomalies = new SimpleCounter();
            anomalies.inc(3);
            reporter.notifyOfAddedMetric(anomalies, "recon_anomalies_total", group);
            BucketHistogram latency = new BucketHistogram(0.1, 1);
            latency.observe(0.05);
            latency.observe(0.5);
            reporter.notifyOfAddedMetric(latency, "recon_inference_latency_seconds", group);
            InfoGauge info = new InfoGauge("model_version", "1");
            reporter.notifyOfAddedMetric(info, "recon_model_info", group);
            info.set("model_version", "2");
            SimpleCounter records = new SimpleCounter();
            records.inc(7);
            reporter.notifyOfAddedMetric(records, "numRecordsIn", group);
            reporter.notifyOfAddedMetric((Gauge<String>) () -> "text", "status", group);

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + reporter.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(body).contains(
                    "# TYPE recon_anomalies_total counter\n",
                    "recon_anomalies_total{job_name=\"job \\\"a\\\"\",model=\"pump\"} 3\n",
                    "# TYPE recon_inference_latency_seconds histogram\n",
                    "recon_inference_latency_seconds_bucket{job_name=\"job \\\"a\\\"\",model=\"pump\",le=\"0.1\"} 1\n",
                    "recon_inference_latency_seconds_bucket{job_name=\"job \\\"a\\\"\",model=\"pump\",le=\"+Inf\"} 2\n",
                    "recon_inference_latency_seconds_count{job_name=\"job \\\"a\\\"\",model=\"pump\"} 2\n",
                    "recon_inference_latency_seconds_sum{job_name=\"job \\\"a\\\"\",model=\"pump\"} 0.55\n",
                    "recon_model_info{job_name=\"job \\\"a\\\"\",model=\"pump\",model_version=\"2\"} 1\n",
                    "# TYPE flink_taskmanager_job_task_operator_numRecordsIn gauge\n",
                    "flink_taskmanager_job_task_operator_numRecordsIn{job_name=\"job \\\"a\\\"\",model=\"pump\"} 7\n");
            assertThat(body).doesNotContain("status");

            reporter.notifyOfRemovedMetric(anomalies, "recon_anomalies_total", group);
            assertThat(reporter.scrape()).doesNotContain("recon_anomalies_total{");
        } finally {
            reporter.close();
        }
    }

    @Test
    void bindsTheConfiguredAddressOnly() throws Exception {
        PrometheusReporter reporter = new PrometheusReporter();
        MetricConfig config = new MetricConfig();
        config.setProperty(PrometheusReporter.HOST, "127.0.0.1");
        config.setProperty(PrometheusReporter.PORT, "0");
        reporter.open(config);
        try {
            PrometheusReporter second = new PrometheusReporter();
            MetricConfig taken = new MetricConfig();
            taken.setProperty(PrometheusReporter.PORT, Integer.toString(reporter.port()));
            assertThatThrownBy(() -> second.open(taken)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
        } finally {
            reporter.close();
        }
    }

    @Test
    void rejectsAPortThatIsNotOne() {
        MetricConfig config = new MetricConfig();
        config.setProperty(PrometheusReporter.PORT, "ninety");
        assertThatThrownBy(() -> new PrometheusReporter().open(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'port'").hasMessageContaining("ninety");
    }
}
