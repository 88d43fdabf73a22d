package dev.recon.jobs.kafka;

/**
 * Kafka header names on dead-letter records; the record value is the original payload, unchanged.
 * These names are part of the wire contract.
 */
public final class DeadLetterHeaders {

    /** The reason code, one of {@code dev.recon.operators.types.DeadLetterReason} (UTF-8). */
    public static final String ERROR = "recon.error";
    /** What was wrong, where, and what was expected (UTF-8). */
    public static final String ERROR_DETAIL = "recon.error.detail";
    /** Where the record came from, {@code topic/partition@offset} (UTF-8). */
    public static final String ORIGIN = "recon.origin";

    private DeadLetterHeaders() {}
}
