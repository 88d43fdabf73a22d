package dev.recon.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Prometheus server or Alertmanager (Debian packages {@code prometheus},
 * {@code prometheus-alertmanager}) run as a child process on 127.0.0.1 and a free port, with its
 * data in a given directory, and its HTTP API. {@link #close()} stops it.
 *
 * <pre>{@code
 * try (LocalPrometheus prometheus = LocalPrometheus.startPrometheus(binary, configFile, dataDir)) {
 *     JsonNode alerts = prometheus.get("/api/v1/alerts");
 * }
 * }</pre>
 */
public final class LocalPrometheus implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private LocalPrometheus(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The first of {@code names} that is an executable on the PATH. */
    public static Optional<Path> binary(String... names) {
        for (String name : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** A free port on 127.0.0.1 (free when this returns). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts Prometheus with {@code config} on {@code port}, keeping its data in {@code dataDir}. */
    public static LocalPrometheus startPrometheus(Path binary, Path config, int port, Path dataDir)
            throws IOException, InterruptedException {
        return start(port, dataDir.resolve("prometheus.log"), binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dataDir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn");
    }

    /** Starts Alertmanager with {@code config} on {@code port}, keeping its data in {@code dataDir}. */
    public static LocalPrometheus startAlertmanager(Path binary, Path config, int port, Path dataDir)
            throws IOException, InterruptedException {
        return start(port, dataDir.resolve("alertmanager.log"), binary.toString(), "--config.file=" + config,
                "--storage.path=" + dataDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=", "--log.level=warn");
    }

    private static LocalPrometheus start(int port, Path log, String... command) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalPrometheus server = new LocalPrometheus(process, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(Arrays.toString(command) + " exited with status " + process.exitValue()
                        + ": " + server.logTail());
            }
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(server.uri("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        server.close();
        throw new IllegalStateException(command[0] + " was not ready on 127.0.0.1:" + port + " within 60 s: "
                + server.logTail());
    }

    /** Base URL, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The port. */
    public int port() {
        return port;
    }

    private URI uri(String path) {
        return URI.create(url() + path);
    }

    /** GETs {@code path} of the HTTP API and parses the JSON answer. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Prometheus: the result vector of an instant query ({@code data.result}). */
    public List<JsonNode> query(String promql) throws IOException, InterruptedException {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        List<JsonNode> result = new ArrayList<>();
        answer.path("data").path("result").forEach(result::add);
        return result;
    }

    /** Prometheus: active alerts ({@code /api/v1/alerts}), each with labels, state and annotations. */
    public List<JsonNode> alerts() throws IOException, InterruptedException {
        List<JsonNode> result = new ArrayList<>();
        get("/api/v1/alerts").path("data").path("alerts").forEach(result::add);
        return result;
    }

    /** The last lines of the process' output. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the process: SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
