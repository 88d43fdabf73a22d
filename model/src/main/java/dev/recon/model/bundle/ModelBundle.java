package dev.recon.model.bundle;

import ai.djl.nn.Block;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recon.model.scoring.LatentReferences;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A verified model bundle on disk: its manifest and the directory holding its files.
 *
 * <p>A bundle is a directory, or the same files in a {@code .zip} archive. {@link #load} checks,
 * in this order, that the manifest exists, that its format version is one this code reads, that
 * it is complete and consistent, and that every listed file is present with the recorded SHA-256;
 * only then is anything handed to DJL.
 *
 * <pre>{@code
 * ModelBundle bundle = ModelBundle.load(Path.of("models/pump"));
 * try (LoadedModel model = bundle.open(); ReconstructionScorer scorer = new ReconstructionScorer(model)) {
 *     WindowScore score = scorer.score(window);
 * }
 * }</pre>
 */
public final class ModelBundle {

    /** The bundle format version this code writes and reads. */
    public static final int FORMAT_VERSION = 3;
    /** Oldest format version this recon still reads. */
    public static final int OLDEST_FORMAT_VERSION = 1;
    /** Name of the manifest file. */
    public static final String MANIFEST_FILE = "manifest.json";
    /** Name of the DJL parameter file. */
    public static final String PARAMETERS_FILE = "parameters.djl";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Additive fields within one format version must not break older readers.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final BundleManifest manifest;
    private final Path directory;
    private final Path source;

    private ModelBundle(BundleManifest manifest, Path directory, Path source) {
        this.manifest = manifest;
        this.directory = directory;
        this.source = source;
    }

    /** The verified manifest. */
    public BundleManifest manifest() {
        return manifest;
    }

    /** Directory holding the bundle's files (a temporary one when loaded from an archive). */
    public Path directory() {
        return directory;
    }

    /** The path the bundle was loaded from. */
    public Path source() {
        return source;
    }

    /** Loads the DJL model; the caller closes it. */
    public LoadedModel open() throws BundleFormatException {
        return LoadedModel.open(this);
    }

    /** The JSON mapper used for manifests, shared so every writer produces the same format. */
    public static ObjectMapper json() {
        return JSON;
    }

    /**
     * Writes a bundle: the block's parameters, then the manifest with their digests.
     *
     * @param out a directory (created if needed) or a path ending in {@code .zip}
     * @param manifest the manifest; its {@code files} table is replaced
     * @param block an initialised block matching {@code manifest.architecture()}
     */
    public static void save(Path out, BundleManifest manifest, Block block) throws IOException {
        save(out, manifest, block, null);
    }

    /**
     * Writes a bundle whose score function compares latent codes ({@code latent-knn}) with the
     * training examples' codes, which it carries in {@value LatentReferences#FILE}.
     *
     * @param references the training codes: required with {@code latent-knn}, {@code null} otherwise
     * @throws IllegalArgumentException if references are missing for {@code latent-knn} or given without it
     */
    public static void save(Path out, BundleManifest manifest, Block block, LatentReferences references)
            throws IOException {
        if (manifest.score().latent() != (references != null)) {
            throw new IllegalArgumentException(manifest.score().latent()
                    ? "score function " + manifest.score() + " needs the training examples' latent codes; none given"
                    : "latent codes given, but score function " + manifest.score() + " does not use them");
        }
        if (isArchive(out)) {
            Path staging = Files.createTempDirectory("recon-bundle-");
            try {
                save(staging, manifest, block, references);
                zip(staging, out);
            } finally {
                deleteRecursively(staging);
            }
            return;
        }
        Files.createDirectories(out);
        Path parameters = out.resolve(PARAMETERS_FILE);
        try (DataOutputStream os = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(parameters)))) {
            block.saveParameters(os);
        }
        Map<String, FileDigest> files = new LinkedHashMap<>();
        files.put(PARAMETERS_FILE, FileDigest.of(parameters));
        if (references != null) {
            Path codes = out.resolve(LatentReferences.FILE);
            references.write(codes);
            files.put(LatentReferences.FILE, FileDigest.of(codes));
        }
        JSON.writeValue(out.resolve(MANIFEST_FILE).toFile(),
                manifest.withFiles(files).withFormatVersion(formatVersionOf(manifest)));
    }

    /**
     * The oldest format version that describes {@code manifest} fully. Version 2 added per-sensor
     * normalisation, which a version-1 reader would silently ignore (it scores every sensor with the
     * pooled statistics), so such bundles are written as version 2 and older recons refuse them;
     * every other bundle stays version 1 and keeps loading everywhere.
     */
    static int formatVersionOf(BundleManifest manifest) {
        if (manifest.score().latent()) {
            return 3; // version 3 added latent-knn and its latent-references file
        }
        return manifest.normalization().sensors().isEmpty() ? 1 : 2;
    }

    /** Loads and verifies a bundle from a directory or a {@code .zip} archive. */
    public static ModelBundle load(Path path) throws BundleFormatException {
        if (!Files.exists(path)) {
            throw new BundleFormatException("model bundle not found: " + path);
        }
        Path directory = path;
        if (Files.isRegularFile(path)) {
            if (!isArchive(path)) {
                throw new BundleFormatException("model bundle " + path
                        + " is a file but not a .zip archive; expected a bundle directory or a .zip");
            }
            directory = unzip(path);
        }
        return new ModelBundle(readVerified(directory, path), directory, path);
    }

    private static BundleManifest readVerified(Path directory, Path source) throws BundleFormatException {
        Path manifestFile = directory.resolve(MANIFEST_FILE);
        if (!Files.isRegularFile(manifestFile)) {
            throw new BundleFormatException(
                    "not a model bundle: " + source + " has no " + MANIFEST_FILE);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(manifestFile.toFile());
        } catch (IOException e) {
            throw new BundleFormatException(MANIFEST_FILE + " in " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode version = tree.get("formatVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new BundleFormatException(MANIFEST_FILE + " in " + source
                    + " has no integer 'formatVersion'; expected " + FORMAT_VERSION);
        }
        if (version.intValue() < OLDEST_FORMAT_VERSION || version.intValue() > FORMAT_VERSION) {
            throw new BundleFormatException("model bundle " + source + " has format version "
                    + version.intValue() + " but this recon reads versions " + OLDEST_FORMAT_VERSION + " to "
                    + FORMAT_VERSION
                    + (version.intValue() > FORMAT_VERSION ? "; upgrade recon" : "; retrain the model"));
        }
        BundleManifest manifest;
        try {
            manifest = JSON.treeToValue(tree, BundleManifest.class);
        } catch (JsonProcessingException e) {
            throw new BundleFormatException(MANIFEST_FILE + " in " + source + " is invalid: "
                    + rootMessage(e), e);
        }
        if (!manifest.files().containsKey(PARAMETERS_FILE)) {
            throw new BundleFormatException(MANIFEST_FILE + " in " + source
                    + " lists no '" + PARAMETERS_FILE + "' in 'files'");
        }
        for (Map.Entry<String, FileDigest> entry : manifest.files().entrySet()) {
            verifyFile(directory, source, entry.getKey(), entry.getValue());
        }
        return manifest;
    }

    private static void verifyFile(Path directory, Path source, String name, FileDigest expected)
            throws BundleFormatException {
        Path file = directory.resolve(name).normalize();
        if (!file.startsWith(directory.normalize())) {
            throw new BundleFormatException("manifest of " + source + " lists a file outside the bundle: " + name);
        }
        if (!Files.isRegularFile(file)) {
            throw new BundleFormatException("model bundle " + source + " is incomplete: "
                    + name + " is listed in the manifest but missing");
        }
        FileDigest actual;
        try {
            actual = FileDigest.of(file);
        } catch (IOException e) {
            throw new BundleFormatException("cannot read " + name + " in " + source + ": " + e.getMessage(), e);
        }
        if (!actual.sha256().equals(expected.sha256()) || actual.bytes() != expected.bytes()) {
            throw new BundleFormatException("checksum mismatch for " + name + " in " + source
                    + ": manifest says sha256=" + expected.sha256() + " (" + expected.bytes()
                    + " bytes), file has sha256=" + actual.sha256() + " (" + actual.bytes()
                    + " bytes); the bundle is corrupted or was modified");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String location = e instanceof JsonProcessingException jpe && jpe.getOriginalMessage() != null
                ? jpe.getOriginalMessage() : e.getMessage();
        return cause == e ? location : cause.getMessage() + " (" + location + ")";
    }

    private static boolean isArchive(Path path) {
        return path.getFileName() != null && path.getFileName().toString().endsWith(".zip");
    }

    private static void zip(Path directory, Path archive) throws IOException {
        Path parent = archive.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial));
                Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        // Readers never see a half-written archive.
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path unzip(Path archive) throws BundleFormatException {
        try {
            Path target = Files.createTempDirectory("recon-bundle-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(target)));
            try (InputStream in = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(in)) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    Path file = target.resolve(entry.getName()).normalize();
                    if (!file.startsWith(target) || entry.isDirectory()) {
                        throw new BundleFormatException("model bundle " + archive
                                + " holds an unexpected entry '" + entry.getName()
                                + "'; expected only the bundle's files at the top level");
                    }
                    try (OutputStream out = Files.newOutputStream(file)) {
                        zip.transferTo(out);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new BundleFormatException("cannot read model bundle archive " + archive + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try {
            deleteRecursively(directory);
        } catch (IOException | UncheckedIOException ignored) {
            // best effort at JVM exit
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
