package dev.recon.model.bundle;

/** A model bundle is missing, incomplete, corrupted, or of a format this version cannot read. */
public final class BundleFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An exception with a message that says what is wrong, where, and what was expected. */
    public BundleFormatException(String message) {
        super(message);
    }

    /** Same, keeping the underlying cause. */
    public BundleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
