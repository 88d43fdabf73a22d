package dev.recon.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A client of the few Flink REST endpoints that job submission needs: upload a jar, run it, delete
 * it, read and cancel a job.
 *
 * <p>Jar upload and run are served by {@code flink-runtime-web}'s web submission, which every Flink
 * distribution (and recon's local cluster) enables by default ({@code web.submit.enable}).
 *
 * <pre>{@code
 * FlinkRestClient flink = new FlinkRestClient("127.0.0.1:8081");
 * String jarId = flink.uploadJar(Path.of("recon-jobs-job.jar"));
 * String jobId = flink.runJar(jarId, "dev.recon.jobs.TimeSeriesJob", List.of("--model.bundle", "/models/m"));
 * }</pre>
 */
public final class FlinkRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Running a jar executes its main method on the JobManager (it loads and verifies the bundle). */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http;

    /**
     * A client of the cluster whose REST endpoint is {@code cluster}: {@code HOST:PORT} or an
     * {@code http(s)://} URL.
     */
    public FlinkRestClient(String cluster) {
        this.base = baseUri(cluster);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    static URI baseUri(String cluster) {
        Objects.requireNonNull(cluster, "cluster");
        String text = cluster.strip();
        if (!text.startsWith("http://") && !text.startsWith("https://")) {
            text = "http://" + text;
        }
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid --cluster: '" + cluster + "' (expected HOST:PORT of Flink's REST endpoint)", e);
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("invalid --cluster: '" + cluster
                    + "' (expected HOST:PORT of Flink's REST endpoint, e.g. 127.0.0.1:8081)");
        }
        return uri;
    }

    /** The REST endpoint this client talks to. */
    public URI base() {
        return base;
    }

    /** Uploads a job jar and returns its id on the cluster. */
    public String uploadJar(Path jar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("job jar not found: " + jar
                    + " (build it with: mvn -DskipTests install; it is jobs/target/recon-jobs-*-job.jar)");
        }
        String boundary = "recon-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String name = jar.getFileName().toString().endsWith(".jar") ? jar.getFileName().toString() : "recon-job.jar";
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/jars/upload"))
                .timeout(RUN_TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        JsonNode response = send(request, "uploading " + jar);
        String filename = response.path("filename").asText("");
        if (filename.isEmpty()) {
            throw new IOException("uploading " + jar + " to " + base + ": no 'filename' in the answer " + response);
        }
        // The jar id is the stored file's name (Flink's JarUploadResponseBody).
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    /**
     * Runs an uploaded jar's {@code entryClass} with {@code programArgs} and returns the job id. The
     * main method runs on the JobManager; its failure (e.g. an invalid setting) comes back as an
     * {@link IOException} with the cause's message.
     */
    public String runJar(String jarId, String entryClass, List<String> programArgs)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entryClass", entryClass);
        body.put("programArgsList", programArgs);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/jars/" + jarId + "/run"))
                .timeout(RUN_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        JsonNode response = send(request, "running " + entryClass);
        String jobId = response.path("jobid").asText("");
        if (jobId.isEmpty()) {
            throw new IOException("running " + entryClass + " on " + base + ": no 'jobid' in the answer " + response);
        }
        return jobId;
    }

    /** Deletes an uploaded jar (a submitted job no longer needs it). */
    public void deleteJar(String jarId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(base.resolve("/jars/" + jarId)).timeout(TIMEOUT).DELETE().build(),
                "deleting jar " + jarId);
    }

    /** The state of a job: RUNNING, CANCELED, FAILED, ... */
    public String jobState(String jobId) throws IOException, InterruptedException {
        JsonNode job = send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId)).timeout(TIMEOUT).GET().build(),
                "reading job " + jobId);
        return job.path("state").asText("UNKNOWN");
    }

    /** Asks the cluster to cancel a job (returns at once; see {@link #jobState}). */
    public void cancel(String jobId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel")).timeout(TIMEOUT)
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(),
                "cancelling job " + jobId);
    }

    /** The cluster overview: task managers, slots, jobs. */
    public JsonNode overview() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/overview")).timeout(TIMEOUT).GET().build(),
                "reading the cluster overview");
    }

    private JsonNode send(HttpRequest request, String what) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new IOException(what + ": no Flink REST endpoint answers at " + base
                    + " (is the cluster running? deploy/local/start.sh starts one)", e);
        }
        String text = response.body() == null ? "" : response.body();
        JsonNode json;
        try {
            json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new IOException(what + ": " + base + " answered HTTP " + response.statusCode()
                    + " with something that is not JSON (is it Flink's REST endpoint?): " + abbreviate(text), e);
        }
        if (response.statusCode() >= 300) {
            throw new IOException(what + ": Flink at " + base + " answered HTTP " + response.statusCode() + ": "
                    + errorOf(json));
        }
        return json;
    }

    /**
     * The useful part of a Flink error answer ({@code {"errors": [...]}}): the message of the job's
     * main method where there is one, else the first error line.
     */
    static String errorOf(JsonNode json) {
        JsonNode errors = json.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            return abbreviate(json.toString());
        }
        String marker = "The main method caused an error:";
        for (JsonNode error : errors) {
            for (String line : error.asText().split("\n")) {
                int at = line.indexOf(marker);
                if (at >= 0) {
                    return "the job's main method failed: " + line.substring(at + marker.length()).strip();
                }
            }
        }
        return abbreviate(errors.get(0).asText().lines().findFirst().orElse(""));
    }

    private static String abbreviate(String text) {
        String flat = text.strip();
        return flat.length() <= 500 ? flat : flat.substring(0, 500) + "...";
    }
}
