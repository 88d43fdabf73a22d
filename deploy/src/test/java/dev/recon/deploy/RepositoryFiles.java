package dev.recon.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are, for tests run by Maven from the deploy module. */
final class RepositoryFiles {

    private RepositoryFiles() {}

    /** The repository root ({@code recon.root}, set by the build; else the parent of the working directory). */
    static Path root() {
        String fromBuild = System.getProperty("recon.root");
        Path root = (fromBuild != null ? Path.of(fromBuild) : Path.of("..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("docker-compose.yml")) && !Files.isDirectory(root.resolve("deploy"))) {
            throw new IllegalStateException("not the recon repository root: " + root
                    + " (expected deploy/ there; set -Drecon.root=DIR)");
        }
        return root;
    }
}
