package dev.recon.operators.types;

import java.util.Objects;

/**
 * Thrown inside recon's operators when a record cannot be used; the operator catches it and turns
 * it into a {@link DeadLetter} with the same reason and detail. It never leaves an operator.
 *
 * <p>It carries no stack trace: bad input is routine, and filling in a trace for every malformed
 * record would cost more than parsing it.
 */
public final class RecordRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final DeadLetterReason reason;

    /** A rejection with its reason code and a message that says what, where and what was expected. */
    public RecordRejectedException(DeadLetterReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The reason code. */
    public DeadLetterReason reason() {
        return reason;
    }

    /** The human-readable detail (the message). */
    public String detail() {
        return getMessage();
    }
}
