package dev.recon.operators.scoring;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.scoring.WindowScore;
import dev.recon.operators.types.ScoredWindow;
import java.util.Arrays;

/** Builds {@link ScoredWindow}s from a window's timestamps, its score and the model that scored it. */
public final class ScoredWindows {

    private ScoredWindows() {}

    /**
     * The scored window.
     *
     * @param timestamps the timestamp of each step of the window, oldest first
     * @param values the window's readings, step-major, in the data's units: its newest
     *     {@code input.stride} steps (all of them if the window is shorter) go with the scored window
     * @param score the window's score
     * @param manifest the scoring model's manifest (threshold, name, version)
     * @param channels the model's channel names, in its order; the scored window holds this array
     *     (records are read-only, so one array can serve every window of a model)
     */
    public static ScoredWindow of(String sensorId, long[] timestamps, double[] values, WindowScore score,
            BundleManifest manifest, String[] channels) {
        int newest = Math.min(manifest.input().stride(), timestamps.length) * channels.length;
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
                manifest.version(),
                Arrays.copyOfRange(values, values.length - newest, values.length));
    }
}
