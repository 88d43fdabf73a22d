package dev.recon.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link FlinkRestClient} without a cluster: addresses, error answers, an absent endpoint. */
class FlinkRestClientTest {

    @Test
    void acceptsHostPortOrUrl() {
        assertThat(FlinkRestClient.baseUri("127.0.0.1:8081").toString()).isEqualTo("http://127.0.0.1:8081");
        assertThat(FlinkRestClient.baseUri("https://flink.example.com:443/").toString())
                .isEqualTo("https://flink.example.com:443");
        assertThatThrownBy(() -> FlinkRestClient.baseUri("jobmanager"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid --cluster: 'jobmanager' (expected HOST:PORT");
    }

    @Test
    void reportsTheMainMethodsErrorFromAFlinkErrorAnswer() throws Exception {
        String answer = "{\"errors\": [\"org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute"
                + " application.\", \"java.util.concurrent.CompletionException: org.apache.flink.client.program."
                + "ProgramInvocationException: The main method caused an error: model.bundle = '/m': model bundle not"
                + " found\\n\\tat org.apache.flink.client...\"]}";
        assertThat(FlinkRestClient.errorOf(new ObjectMapper().readTree(answer)))
                .isEqualTo("the job's main method failed: model.bundle = '/m': model bundle not found");
        assertThat(FlinkRestClient.errorOf(new ObjectMapper().readTree("{\"errors\": [\"Not found: /jars/x\"]}")))
                .isEqualTo("Not found: /jars/x");
    }

    @Test
    void saysWhenNoClusterAnswers() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        FlinkRestClient flink = new FlinkRestClient("127.0.0.1:" + port);
        assertThatThrownBy(flink::overview).isInstanceOf(IOException.class)
                .hasMessageContaining("no Flink REST endpoint answers at http://127.0.0.1:" + port);
        assertThatThrownBy(() -> flink.uploadJar(Path.of("no-such.jar"))).isInstanceOf(IOException.class)
                .hasMessageContaining("job jar not found: no-such.jar");
    }

    @Test
    void passesSettingsAsKeyValueArguments() {
        assertThat(JobSubmitter.programArgs(new java.util.LinkedHashMap<>(java.util.Map.of("parallelism", "2"))))
                .isEqualTo(List.of("--parallelism", "2"));
    }
}
