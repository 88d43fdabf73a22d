package dev.recon.jobs;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.testing.TestBundles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Tiny dense test bundles ({@link TestBundles}) that serve a model of a given name, for routing tests. */
final class NamedBundles {

    private NamedBundles() {}

    /** Writes, under {@code dir}, a bundle of model {@code name} over {@code channels} with windows of {@code window}. */
    static Path write(Path dir, String name, List<String> channels, int window) throws Exception {
        BundleManifest m = TestBundles.denseManifest(channels, window, 1, 1);
        return TestBundles.write(dir.resolve(name), new BundleManifest(m.formatVersion(), name, m.version(),
                m.createdAt(), m.architecture(), m.input(), m.normalization(), m.score(), m.threshold(), m.training(),
                m.provenance(), Map.of()));
    }
}
