package dev.recon.operators.scoring;

import dev.recon.operators.types.DeadLetterReason;
import dev.recon.operators.types.RecordRejectedException;
import dev.recon.operators.types.SensorReading;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a reading's values into a model's channel order, or says exactly which channels are missing
 * or unexpected.
 *
 * <p>A reading must name exactly the model's channels (in any order). A single unnamed
 * {@code "value"} fits a one-channel model whatever its channel is called. Not thread-safe: the
 * returned array is reused by the next call.
 */
public final class ChannelMapping {

    private final List<String> modelChannels;
    private final Map<String, Integer> indexByName;
    private final String modelLabel;
    private final double[] ordered;
    private final boolean[] seen;

    /**
     * A mapping onto {@code modelChannels}.
     *
     * @param modelLabel how to name the model in messages, for example {@code 'pump-ae' v3}
     */
    public ChannelMapping(List<String> modelChannels, String modelLabel) {
        this.modelChannels = List.copyOf(modelChannels);
        this.modelLabel = modelLabel;
        this.indexByName = new HashMap<>();
        for (int c = 0; c < this.modelChannels.size(); c++) {
            indexByName.put(this.modelChannels.get(c), c);
        }
        this.ordered = new double[this.modelChannels.size()];
        this.seen = new boolean[this.modelChannels.size()];
    }

    /** The model's channels, in order. */
    public List<String> modelChannels() {
        return modelChannels;
    }

    /**
     * The reading's values in model channel order.
     *
     * @return an array owned by this mapping, overwritten by the next call
     * @throws RecordRejectedException with {@link DeadLetterReason#CHANNEL_MISMATCH} naming the
     *     missing and unexpected channels
     */
    public double[] toModelOrder(SensorReading reading) throws RecordRejectedException {
        if (!reading.named()) {
            if (ordered.length != 1) {
                throw new RecordRejectedException(DeadLetterReason.CHANNEL_MISMATCH,
                        "reading of '" + reading.sensorId() + "' sends one unnamed 'value' but model "
                                + modelLabel + " expects channels " + modelChannels
                                + "; send 'values' with exactly these channels");
            }
            ordered[0] = reading.values()[0];
            return ordered;
        }
        Arrays.fill(seen, false);
        List<String> unexpected = null;
        List<String> repeated = null;
        String[] names = reading.channels();
        for (int i = 0; i < names.length; i++) {
            Integer c = indexByName.get(names[i]);
            if (c == null) {
                unexpected = add(unexpected, names[i]);
            } else if (seen[c]) {
                repeated = add(repeated, names[i]);
            } else {
                seen[c] = true;
                ordered[c] = reading.values()[i];
            }
        }
        List<String> missing = null;
        for (int c = 0; c < seen.length; c++) {
            if (!seen[c]) {
                missing = add(missing, modelChannels.get(c));
            }
        }
        if (missing != null || unexpected != null || repeated != null) {
            throw new RecordRejectedException(DeadLetterReason.CHANNEL_MISMATCH,
                    "reading of '" + reading.sensorId() + "' has channels " + List.of(names)
                            + " but model " + modelLabel + " expects exactly " + modelChannels + ":"
                            + (missing == null ? "" : " missing " + missing)
                            + (unexpected == null ? "" : " unexpected " + unexpected)
                            + (repeated == null ? "" : " repeated " + repeated));
        }
        return ordered;
    }

    private static List<String> add(List<String> list, String name) {
        List<String> result = list == null ? new ArrayList<>() : list;
        result.add(name);
        return result;
    }
}
