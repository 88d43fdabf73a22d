package dev.recon.operators.window;

/** What happens to a reading that arrives after the job has moved past its timestamp. */
public enum LateRecordPolicy {
    /** Send it to the dead-letter output with reason {@code LATE} (and count it). */
    DLQ,
    /** Count it and drop it. */
    DROP
}
