package dev.recon.cli.produce;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of anomaly the synthetic generator injects, as named on the command line and in the ground truth. */
public enum AnomalyKind {
    /** One reading far off the signal. */
    SPIKE,
    /** The level jumps and stays there until the anomaly ends. */
    LEVEL_SHIFT,
    /** The level moves away linearly over the anomaly's length. */
    DRIFT,
    /** The noise grows several times larger. */
    NOISE_BURST,
    /** The sensor repeats one value. */
    STUCK,
    /** The oscillation runs at a different period. */
    PERIODICITY_CHANGE;

    /** The name used on the command line and in the ground truth: lower case with dashes. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind named {@code name} (as {@link #configName()} spells it). */
    public static AnomalyKind parse(String name) {
        for (AnomalyKind kind : values()) {
            if (kind.configName().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown anomaly kind '" + name + "' (expected one of "
                + Arrays.stream(values()).map(AnomalyKind::configName).collect(Collectors.joining(", ")) + ")");
    }
}
