package dev.recon.operators.types;

/**
 * Why a record could not be used; the code travels with every dead letter (Kafka header
 * {@code recon.error}) and labels the dead-letter metric.
 *
 * <p>The names are part of the wire contract: add constants, never rename them.
 */
public enum DeadLetterReason {
    /** The record has no value (a tombstone) or an empty one. */
    EMPTY_PAYLOAD,
    /** The payload is larger than the configured limit; it was not parsed. */
    OVERSIZED,
    /** The payload is not a single well-formed JSON object (syntax error, bad UTF-8, duplicate keys, ...). */
    INVALID_JSON,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field is present but has the wrong type, format or range. */
    INVALID_FIELD,
    /** A channel value is NaN or infinite, or overflows once normalised. */
    NON_FINITE_VALUE,
    /** The reading's channels are not the ones the model was trained on. */
    CHANNEL_MISMATCH,
    /**
     * The reading arrived after the job had moved past its timestamp: older than the watermark
     * (event time minus the allowed out-of-orderness) or than a reading of the same sensor already
     * placed in a window.
     */
    LATE,
    /** The record triggered an unexpected error in recon itself; the detail holds it (please report). */
    PROCESSING_ERROR,
    /**
     * The image data cannot be decoded: not a readable PNG, or raw pixels whose byte count is not
     * {@code width * height * channels}.
     */
    UNDECODABLE_IMAGE,
    /** The image has more pixels ({@code width * height}) than the configured limit; it was not decoded. */
    IMAGE_TOO_LARGE,
    /** No model serves the reading's sensor: no route of {@code model.routes} matches it and there is no default. */
    NO_MODEL,
    /**
     * The model is conditional ({@code cvae}) and the image's condition ({@code condition}, else
     * {@code label}) is none of the model's conditions, so it cannot be scored.
     */
    UNKNOWN_CONDITION
}
