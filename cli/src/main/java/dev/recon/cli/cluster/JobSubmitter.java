package dev.recon.cli.cluster;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Submits a job jar with its settings to a Flink session cluster: uploads the jar, runs its entry
 * class with every setting as a {@code --key value} program argument, and removes the uploaded jar.
 *
 * <p>Settings travel as arguments rather than as a file, so nothing but the model bundle has to
 * exist on the cluster's machines; paths in the settings (the model bundle) are read there.
 */
public final class JobSubmitter {

    /** Environment variable naming the job jar to submit. */
    public static final String JOB_JAR_ENV = "RECON_JOB_JAR";
    /** Where the build puts the job jar, relative to the folder of the recon CLI jar. */
    public static final String JOB_JAR_BESIDE_CLI = "jobs/recon-jobs-job.jar";

    private final FlinkRestClient flink;

    /** A submitter to the cluster {@code flink} talks to. */
    public JobSubmitter(FlinkRestClient flink) {
        this.flink = Objects.requireNonNull(flink, "flink");
    }

    /** Uploads {@code jar}, runs {@code entryClass} with {@code settings}, returns the job id. */
    public String submit(Path jar, String entryClass, Map<String, String> settings)
            throws IOException, InterruptedException {
        String jarId = flink.uploadJar(jar);
        try {
            return flink.runJar(jarId, entryClass, programArgs(settings));
        } finally {
            // The job graph holds its own copy of the jar; the upload is no longer needed.
            flink.deleteJar(jarId);
        }
    }

    /** Settings as program arguments: {@code --key value} for each, in the map's order. */
    public static List<String> programArgs(Map<String, String> settings) {
        List<String> args = new ArrayList<>(settings.size() * 2);
        settings.forEach((key, value) -> {
            args.add("--" + key);
            args.add(value);
        });
        return args;
    }

    /**
     * The job jar to submit when none is given: {@value #JOB_JAR_ENV} if set, else the jar the build
     * copies beside the CLI ({@value #JOB_JAR_BESIDE_CLI} next to {@code recon-cli-*.jar}).
     */
    public static Path defaultJobJar() throws IOException {
        String fromEnv = System.getenv(JOB_JAR_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Path candidate;
        try {
            Path cli = Path.of(JobSubmitter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // cli/target/recon-cli-*.jar or cli/target/classes: both sit in cli/target
            candidate = cli.getParent().resolve(JOB_JAR_BESIDE_CLI);
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new IOException("cannot locate the job jar beside the recon CLI; pass --job-jar FILE", e);
        }
        if (!Files.isRegularFile(candidate)) {
            throw new IOException("job jar not found at " + candidate
                    + " (build with: mvn -DskipTests install, or pass --job-jar FILE or set " + JOB_JAR_ENV + ")");
        }
        return candidate;
    }
}
