package dev.recon.jobs;

/** Where the job starts reading the input topic when it starts without a checkpoint or savepoint. */
public enum StartingOffsets {
    /** From the oldest record still in the topic. */
    EARLIEST,
    /** From records written after the job starts. */
    LATEST,
    /** From the consumer group's committed offsets; from the earliest where the group has none. */
    COMMITTED
}
