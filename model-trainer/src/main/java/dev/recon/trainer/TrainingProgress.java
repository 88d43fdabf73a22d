package dev.recon.trainer;

import dev.recon.model.bundle.TrainingSummary.EpochMetrics;

/** Receives progress while a model trains (the CLI prints a line per epoch). */
public interface TrainingProgress {

    /** Nothing is reported. */
    TrainingProgress SILENT = new TrainingProgress() {};

    /** Called once before the first epoch. */
    default void started(String description) {}

    /** Called after every epoch. */
    default void epoch(EpochMetrics metrics, int maxEpochs, boolean improved) {}
}
