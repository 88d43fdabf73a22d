package dev.recon.model.bundle;

import dev.recon.model.arch.ArchitectureSpec;
import dev.recon.model.threshold.Threshold;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The contents of {@code manifest.json}: everything needed to rebuild, verify, apply and explain
 * one trained detector.
 *
 * @param formatVersion bundle format version, checked before anything else is read
 * @param name model name, carried by every event it scores
 * @param version model version, carried by every event it scores
 * @param createdAt when the bundle was written (ISO-8601, UTC)
 * @param architecture model kind and hyper-parameters
 * @param input window shape and channels
 * @param normalization statistics fitted on training data
 * @param score score function
 * @param threshold the calibrated threshold and how it was obtained
 * @param alarm time series: how windows become alarms (the anomaly score and its level); {@code null} for
 *     images and in bundles written before it existed, which get {@link AlarmSpec#defaults} ({@link #alarmOrDefault})
 * @param training training settings and loss curve
 * @param provenance data, seed, versions and platform
 * @param files SHA-256 and size of every other file in the bundle
 */
public record BundleManifest(
        int formatVersion,
        String name,
        String version,
        String createdAt,
        ArchitectureSpec architecture,
        InputSpec input,
        NormalizationSpec normalization,
        ScoreSpec score,
        Threshold threshold,
        AlarmSpec alarm,
        TrainingSummary training,
        Provenance provenance,
        Map<String, FileDigest> files) {

    /** Checks required fields and that the sections agree with each other. */
    public BundleManifest {
        require(name, "name");
        require(version, "version");
        require(architecture, "architecture");
        require(input, "input");
        require(normalization, "normalization");
        require(score, "score");
        require(threshold, "threshold");
        files = files == null ? Map.of() : Map.copyOf(files);
        if (architecture.inputSize() != input.windowSize()) {
            throw new IllegalArgumentException(
                    "architecture.inputSize is " + architecture.inputSize()
                            + " but input is " + input.windowLength() + " steps x "
                            + input.channels().size() + " channels = " + input.windowSize());
        }
        if (architecture instanceof dev.recon.model.arch.ConvAutoencoderSpec conv) {
            List<Integer> expected = List.of(conv.channels(), conv.height(), conv.width());
            if (!input.imageInput() || !input.shape().equals(expected)) {
                throw new IllegalArgumentException("a '" + conv.kind() + "' architecture of "
                        + expected + " needs an image input of that shape, got a '" + input.type()
                        + "' input of shape " + input.shape());
            }
        }
        if (alarm != null && input.imageInput()) {
            throw new IllegalArgumentException("manifest field 'alarm' applies to time-series inputs, not to images");
        }
        int channels = input.channels().size();
        if (normalization.mean().length != channels || normalization.std().length != channels) {
            throw new IllegalArgumentException(
                    "normalization has " + normalization.mean().length + " means and "
                            + normalization.std().length + " stds for " + channels + " channels");
        }
    }

    /** A manifest without an alarm section (images; time series then get {@link AlarmSpec#defaults}). */
    public BundleManifest(int formatVersion, String name, String version, String createdAt,
            ArchitectureSpec architecture, InputSpec input, NormalizationSpec normalization, ScoreSpec score,
            Threshold threshold, TrainingSummary training, Provenance provenance, Map<String, FileDigest> files) {
        this(formatVersion, name, version, createdAt, architecture, input, normalization, score, threshold, null,
                training, provenance, files);
    }

    /**
     * The alarm of a time-series model: the manifest's, or for bundles written without one the
     * defaults for its window and stride; {@code null} for images.
     */
    public AlarmSpec alarmOrDefault() {
        if (input.imageInput()) {
            return null;
        }
        return alarm != null ? alarm : AlarmSpec.defaults(input.windowLength(), input.stride());
    }

    private static void require(Object value, String field) {
        Objects.requireNonNull(value, () -> "manifest field '" + field + "' is required");
    }

    /** This manifest with another file table. */
    public BundleManifest withFiles(Map<String, FileDigest> newFiles) {
        return new BundleManifest(formatVersion, name, version, createdAt, architecture, input,
                normalization, score, threshold, alarm, training, provenance, newFiles);
    }

    /** This manifest with another format version. */
    public BundleManifest withFormatVersion(int newFormatVersion) {
        return new BundleManifest(newFormatVersion, name, version, createdAt, architecture, input,
                normalization, score, threshold, alarm, training, provenance, files);
    }

    /** This manifest with another alarm. */
    public BundleManifest withAlarm(AlarmSpec newAlarm) {
        return new BundleManifest(formatVersion, name, version, createdAt, architecture, input,
                normalization, score, threshold, newAlarm, training, provenance, files);
    }

    /** This manifest with another threshold. */
    public BundleManifest withThreshold(Threshold newThreshold) {
        return new BundleManifest(formatVersion, name, version, createdAt, architecture, input,
                normalization, score, newThreshold, alarm, training, provenance, files);
    }
}
