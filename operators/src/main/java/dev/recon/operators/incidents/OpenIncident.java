package dev.recon.operators.incidents;

import dev.recon.operators.types.IncidentEvent;
import dev.recon.operators.types.ScoredWindow;

/**
 * The state of a sensor's open incident. Bean accessors are for Flink's POJO serializer.
 */
public final class OpenIncident {

    private long start;
    private long end;
    private long windows;
    private double peakSeverity;
    private double peakScore;
    private long peakTs;
    private String[] channels;
    private double[] channelErrors;
    private String model;
    private String modelVersion;

    /** For serialisers only. */
    public OpenIncident() {}

    /** An incident opened by its first anomalous window. */
    static OpenIncident startedBy(ScoredWindow w) {
        OpenIncident incident = new OpenIncident();
        incident.start = w.windowEnd();
        incident.peakSeverity = Double.NEGATIVE_INFINITY;
        incident.extendWith(w);
        return incident;
    }

    /** Adds an anomalous window; the peak moves to it if it is more severe. */
    void extendWith(ScoredWindow w) {
        end = Math.max(end, w.windowEnd());
        windows++;
        double severity = severity(w);
        if (severity > peakSeverity) {
            peakSeverity = severity;
            peakScore = w.score();
            peakTs = w.peakTs();
            channels = w.channels();
            channelErrors = w.channelErrors();
        }
        model = w.model();
        modelVersion = w.modelVersion();
    }

    /** Score over threshold; a threshold of 0 makes any positive score infinitely severe. */
    static double severity(ScoredWindow w) {
        return w.threshold() > 0 ? w.score() / w.threshold() : (w.score() > 0 ? Double.POSITIVE_INFINITY : 0);
    }

    /** The event announcing this incident's state. */
    IncidentEvent event(String type, String sensorId) {
        return new IncidentEvent(type, sensorId + "@" + start, sensorId, start, end, windows, peakSeverity,
                peakScore, peakTs, channels, channelErrors, model, modelVersion);
    }

    public long getStart() {
        return start;
    }

    public void setStart(long start) {
        this.start = start;
    }

    public long getEnd() {
        return end;
    }

    public void setEnd(long end) {
        this.end = end;
    }

    public long getWindows() {
        return windows;
    }

    public void setWindows(long windows) {
        this.windows = windows;
    }

    public double getPeakSeverity() {
        return peakSeverity;
    }

    public void setPeakSeverity(double peakSeverity) {
        this.peakSeverity = peakSeverity;
    }

    public double getPeakScore() {
        return peakScore;
    }

    public void setPeakScore(double peakScore) {
        this.peakScore = peakScore;
    }

    public long getPeakTs() {
        return peakTs;
    }

    public void setPeakTs(long peakTs) {
        this.peakTs = peakTs;
    }

    public String[] getChannels() {
        return channels;
    }

    public void setChannels(String[] channels) {
        this.channels = channels;
    }

    public double[] getChannelErrors() {
        return channelErrors;
    }

    public void setChannelErrors(double[] channelErrors) {
        this.channelErrors = channelErrors;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getModelVersion() {
        return modelVersion;
    }

    public void setModelVersion(String modelVersion) {
        this.modelVersion = modelVersion;
    }
}
