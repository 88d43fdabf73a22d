package dev.recon.operators.scoring;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.scoring.WindowScore;
import dev.recon.operators.types.ScoredWindow;

/** Builds {@link ScoredWindow}s from a window's timestamps, its score and the model that scored it. */
public final class ScoredWindows {

    private ScoredWindows() {}

    /**
     * The scored window.
     *
     * @param timestamps the timestamp of each step of the window, oldest first
     * @param score the window's score
     * @param manifest the scoring model's manifest (threshold, name, version)
     * @param channels the model's channel names, in its order; the scored window holds this array
     *     (records are read-only, so one array can serve every window of a model)
     */
    public static ScoredWindow of(String sensorId, long[] timestamps, WindowScore score, BundleManifest manifest,
            String[] channels) {
        return new ScoredWindow(
                sensorId,
                timestamps[0],
                timestamps[timestamps.length - 1],
                score.score(),
                manifest.threshold().value(),
                manifest.threshold().isAnomalous(score.score()),
                channels,
                score.channelErrors(),
                timestamps[score.peakStep()],
                manifest.name(),
                manifest.version());
    }
}
