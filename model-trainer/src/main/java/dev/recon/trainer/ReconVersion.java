package dev.recon.trainer;

/** The recon version, from the jar manifest (or {@code dev} when run from classes). */
public final class ReconVersion {

    private ReconVersion() {}

    /** The version string. */
    public static String get() {
        String version = ReconVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
