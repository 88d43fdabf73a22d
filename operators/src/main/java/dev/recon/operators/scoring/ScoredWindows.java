package dev.recon.operators.scoring;

import dev.recon.model.bundle.BundleManifest;
import dev.recon.model.scoring.WindowScore;
import dev.recon.model.window.SlidingWindowBuffer;
import dev.recon.operators.types.ScoredWindow;

/** Builds {@link ScoredWindow}s from a window, its score and the model that scored it. */
public final class ScoredWindows {

    private ScoredWindows() {}

    /**
     * The scored window for the current window of {@code window}.
     *
     * @param window a full buffer whose current window was scored
     * @param score the window's score
     * @param manifest the scoring model's manifest (channels, threshold, name, version)
     */
    public static ScoredWindow of(String sensorId, SlidingWindowBuffer window, WindowScore score,
            BundleManifest manifest) {
        return new ScoredWindow(
                sensorId,
                window.windowStart(),
                window.windowEnd(),
                score.score(),
                manifest.threshold().value(),
                manifest.threshold().isAnomalous(score.score()),
                manifest.input().channels().toArray(new String[0]),
                score.channelErrors().clone(),
                window.timestampAt(score.peakStep()),
                manifest.name(),
                manifest.version());
    }
}
